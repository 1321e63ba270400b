package io.github.edgeauth.it;

import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.IgnoredReferenceMatcher;
import shark.MetadataExtractor;
import shark.ObjectInspectors;
import shark.OnAnalysisProgressListener;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a server's JVM, started by Arquillian on this machine, still holds after an undeploy: its threads and a
 * heap dump (both from the JDK's {@code jcmd}), the dump searched with shark, LeakCanary's heap analyser, for
 * copies of a class and for the shortest strong path from a garbage collection root to one.
 */
final class ServerJvm {
    private ServerJvm() {
    }

    /** The process on this machine whose command line ends with {@code end} (say, the server's name). */
    static long pidOf(String end) {
        List<Long> found = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").endsWith(end))
                .map(ProcessHandle::pid).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one process whose command ends with " + end + ": " + found);
        }
        return found.get(0);
    }

    /** Dumps the live objects of process {@code pid} into {@code file}, after a full collection. */
    static void dump(long pid, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd(pid, "GC.heap_dump", file.toString());
        if (!Files.exists(file)) {
            throw new IllegalStateException("jcmd wrote no heap dump of " + pid + " to " + file);
        }
    }

    /**
     * What process {@code pid} keeps of the class named {@code className} after a full collection: how many
     * copies (one per class loader that loaded it), and the {@link #pathTo strong path} to one, if any. Read
     * from a heap dump written to {@code dump} and deleted afterwards.
     */
    static Retention retention(long pid, Path dump, String className, Collection<String> discountedThreads)
            throws IOException, InterruptedException {
        dump(pid, dump);
        try {
            return new Retention(classCopies(dump, className), pathTo(dump, className, discountedThreads));
        } finally {
            Files.delete(dump);
        }
    }

    /**
     * What {@link #retention} found.
     *
     * @param copies     the copies of the class in the heap, held strongly or not
     * @param strongPath the shortest strong path to one of them, or empty when none is held strongly
     */
    record Retention(int copies, Optional<String> strongPath) {
    }

    /** How many classes named {@code className} (one per class loader that loaded it) {@code dump} holds. */
    private static int classCopies(Path dump, String className) throws IOException {
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            return copiesOf(graph, className).size();
        }
    }

    /** The live threads of process {@code pid} whose names start with {@code prefix}. */
    static List<String> threads(long pid, String prefix) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : jcmd(pid, "Thread.print").split("\n")) {
            if (line.startsWith("\"" + prefix)) {
                names.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        return names;
    }

    /** The threads of process {@code pid} that edgeauth starts, and those of the JDK HTTP clients it makes. */
    static List<String> edgeauthThreads(long pid) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(threads(pid, "edgeauth"));
        names.addAll(threads(pid, "HttpClient-"));
        return names;
    }

    /**
     * The {@link #edgeauthThreads} of process {@code pid} beyond those {@code before} (counted by name), once they
     * settle (within 30 s): a JDK HTTP client's selector thread ends a moment after its client is collected.
     */
    static List<String> edgeauthThreadsLeft(long pid, List<String> before) throws IOException, InterruptedException {
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

    /**
     * The shortest strong path in {@code dump} from a root to a class named {@code className} (to any of its
     * copies), or empty when there is none: when every copy is unloaded, or held only through soft or weak
     * references, which the collector clears when it needs the memory. Two more kinds of reference are left
     * out: the local variables of the threads named {@code discountedThreads}, and the access control context
     * a thread inherits from the code that started it (which keeps that code's class loader only while the
     * thread lives).
     */
    private static Optional<String> pathTo(Path dump, String className, Collection<String> discountedThreads)
            throws IOException {
        return shortestPath(dump, discountedThreads, graph -> copiesOf(graph, className));
    }

    /**
     * As {@link #pathTo}, in a dump written by {@link #dump}, to any instance of the class named {@code className}
     * (a class loader's, say).
     */
    static Optional<String> pathToAnInstance(Path dump, String className, Collection<String> discountedThreads)
            throws IOException {
        return shortestPath(dump, discountedThreads, graph -> {
            Set<Long> instances = new HashSet<>();
            HeapObject.HeapClass type = graph.findClassByName(className);
            if (type != null) {
                for (var each = type.getInstances().iterator(); each.hasNext(); ) {
                    instances.add(each.next().getObjectId());
                }
            }
            return instances;
        });
    }

    private static Optional<String> shortestPath(Path dump, Collection<String> discountedThreads,
                                                 Function<HeapGraph, Set<Long>> targets) throws IOException {
        List<ReferenceMatcher> leftOut = new ArrayList<>();
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.Thread",
                "inheritedAccessControlContext")));
        for (String thread : discountedThreads) {
            leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.JavaLocalPattern(thread)));
        }
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            Set<Long> held = targets.apply(graph);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(
                    dump.toFile(), graph, heap -> held, leftOut, false,
                    ObjectInspectors.Companion.getJdkDefaults(), MetadataExtractor.Companion.getNO_OP());
            if (!(analysis instanceof HeapAnalysisSuccess success)) {
                throw new IllegalStateException("the heap dump could not be analysed: " + analysis);
            }
            return success.getApplicationLeaks().isEmpty() && success.getLibraryLeaks().isEmpty()
                    ? Optional.empty() : Optional.of(success.toString());
        }
    }

    /** The object ids of every class named {@code className} in {@code graph}. */
    private static Set<Long> copiesOf(HeapGraph graph, String className) {
        Set<Long> copies = new HashSet<>();
        for (var classes = graph.getClasses().iterator(); classes.hasNext(); ) {
            HeapObject.HeapClass type = classes.next();
            if (type.getName().equals(className)) {
                copies.add(type.getObjectId());
            }
        }
        return copies;
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
