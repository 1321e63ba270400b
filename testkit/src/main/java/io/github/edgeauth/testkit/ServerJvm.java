package io.github.edgeauth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's JVM on this machine (started by Arquillian, or this one), read with the JDK's {@code jcmd}: its
 * threads, and the heap dumps a {@link LeakCheck} searches.
 */
public final class ServerJvm {
    private ServerJvm() {
    }

    /** The process on this machine whose command line ends with {@code end} (say, the server's name). */
    public static long pidOf(String end) {
        List<Long> found = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").endsWith(end))
                .map(ProcessHandle::pid).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one process whose command ends with " + end + ": " + found);
        }
        return found.get(0);
    }

    /** Dumps the live objects of process {@code pid} into {@code file}, after a full collection. */
    public static void dump(long pid, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd(pid, "GC.heap_dump", file.toString());
        if (!Files.exists(file)) {
            throw new IllegalStateException("jcmd wrote no heap dump of " + pid + " to " + file);
        }
    }

    /** The live threads of process {@code pid} whose names start with {@code prefix}. */
    public static List<String> threads(long pid, String prefix) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : jcmd(pid, "Thread.print").split("\n")) {
            if (line.startsWith("\"" + prefix)) {
                names.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        return names;
    }

    /** The threads of process {@code pid} that edgeauth starts, and those of the JDK HTTP clients it makes. */
    public static List<String> edgeauthThreads(long pid) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(threads(pid, "edgeauth"));
        names.addAll(threads(pid, "HttpClient-"));
        return names;
    }

    /**
     * The {@link #edgeauthThreads} of process {@code pid} beyond those {@code before} (counted by name), once they
     * settle (within 30 s): a JDK HTTP client's selector thread ends a moment after its client is collected.
     */
    public static List<String> edgeauthThreadsLeft(long pid, List<String> before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> left;
        do {
            left = new ArrayList<>(edgeauthThreads(pid));
            before.forEach(left::remove); // one each: several threads share a name (edgeauth-token-refresh)
            if (!left.isEmpty()) {
                Thread.sleep(500); // polling the server's threads, with a deadline
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }

    /** Runs the JDK's {@code jcmd} on process {@code pid}; its output, or an exception when it fails. */
    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed for " + pid + ": " + output);
        }
        return output;
    }
}
