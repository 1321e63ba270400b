package io.github.edgeauth.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 0 of {@code docs/migration.md} ("try your WAR beside the demo") as the page writes it: its three shell
 * blocks, read from the page, with the demo's well-known ports and the guide's work folder replaced by the
 * test's. Run with bash at the project's root, as a reader would.
 */
final class MigrationGuide implements AutoCloseable {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ROUTE = Pattern.compile("(EDGEAUTH_EDGE_ROUTE_\\w+)=(\\S+) \\./mvnw -Pdemo");

    private final Path root;
    private final Path workDir;
    private final List<String> blocks;
    private Process backend;

    private MigrationGuide(Path root, Path workDir, List<String> blocks) {
        this.root = root;
        this.workDir = workDir;
        this.blocks = blocks;
    }

    /**
     * The step's commands, with the guide's ports (edge 8080, provider 9000, the WAR 8084, its data grid 6984)
     * replaced by {@code ports}' values, and its folder {@code target/myapp} by one under {@code workDir}.
     */
    static MigrationGuide read(Path docs, Path workDir, Map<Integer, Integer> ports) throws IOException {
        String page = Files.readString(docs.resolve("migration.md"));
        int start = page.indexOf("## Step 0");
        String step = page.substring(start, page.indexOf("\n## ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(step);
        while (block.find()) {
            String command = block.group(1).replace("target/myapp", workDir.resolve("myapp").toString());
            for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
                command = command.replaceAll("\\b" + port.getKey() + "\\b", String.valueOf(port.getValue()));
            }
            blocks.add(command);
        }
        if (blocks.size() != 3) {
            throw new IllegalStateException("step 0 of migration.md should show 3 shell blocks, shows " + blocks.size());
        }
        return new MigrationGuide(docs.getParent(), workDir, blocks);
    }

    /** The route the first command puts in front of the demo: its env var name and value. */
    Map.Entry<String, String> route() {
        Matcher route = ROUTE.matcher(blocks.get(0));
        if (!route.find()) {
            throw new IllegalStateException("no EDGEAUTH_EDGE_ROUTE_...=... ./mvnw -Pdemo in " + blocks.get(0));
        }
        return Map.entry(route.group(1), route.group(2));
    }

    /**
     * Runs the second block (the WAR's own server) and waits, as a reader would, for the server to say it is ready
     * (before that, Payara Micro may answer and then load the WAR once more) and for the WAR to answer at
     * {@code probe}.
     */
    void startBackend(URI probe, Duration deadline) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("myapp-server.log");
        backend = new ProcessBuilder("bash", "-c", blocks.get(1)).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!backend.isAlive()) {
                throw new IllegalStateException("the guide's server command ended; see " + workDir.resolve("myapp-server.log"));
            }
            try {
                if (!Files.readString(log, StandardCharsets.ISO_8859_1).contains(" ready in ")) {
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                    continue;
                }
                int status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 404 && status < 500) {
                    return; // the WAR answers (its filter's 401 without credentials)
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException("the guide's WAR did not answer at " + probe + " within " + deadline);
    }

    /** Runs the third block, the one-command check, and returns what it prints. */
    String check() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("bash", "-c", blocks.get(2)).directory(root.toFile())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly();
        }
        return output;
    }

    /** The processes the guide's server command started (the Payara Micro JVM). */
    List<Long> serverPids() {
        return backend == null ? List.of() : backend.descendants().map(ProcessHandle::pid).toList();
    }

    /** Stops the WAR's server and whatever its shell started. */
    @Override
    public void close() throws InterruptedException {
        if (backend != null) {
            backend.descendants().forEach(ProcessHandle::destroy);
            backend.destroy();
            if (!backend.waitFor(30, TimeUnit.SECONDS)) {
                backend.descendants().forEach(ProcessHandle::destroyForcibly);
                backend.destroyForcibly();
            }
        }
    }
}
