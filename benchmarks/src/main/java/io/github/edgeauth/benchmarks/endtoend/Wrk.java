package io.github.edgeauth.benchmarks.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} driving one URL with requests pre-formatted by a Lua script from a file of header
 * lines (one per request, used in turn): a pool of thousands of tokens costs the load generator what one does.
 */
final class Wrk {
    private static final Pattern SUMMARY = Pattern.compile("EDGEAUTH-WRK requests=(\\d+) duration_us=(\\d+)"
            + " status_errors=(\\d+) socket_errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    /** Writes the Lua script into {@code dir}; fails with the command to run when wrk is not installed. */
    static Wrk in(Path dir) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is missing: apt-get install -y wrk");
        }
        Path script = dir.resolve("requests.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("requests.lua")) {
            Files.write(script, in.readAllBytes());
        }
        return new Wrk(script);
    }

    /** What one run measured. Latencies in microseconds. */
    record Result(long requests, Duration duration, long statusErrors, long socketErrors, long p50Micros,
                  long p99Micros) {
        double perSecond() {
            return requests * 1e6 / (duration.toNanos() / 1000.0);
        }

        long errors() {
            return statusErrors + socketErrors;
        }
    }

    /**
     * Runs {@code wrk} against {@code uri} for {@code duration}, sending the headers of {@code headers} (a file
     * of {@code Name: value} lines) in turn.
     */
    Result run(URI uri, Path headers, int threads, int connections, Duration duration) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                uri.getScheme() + "://" + uri.getAuthority()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EDGEAUTH_WRK_HEADERS", headers.toString());
        builder.environment().put("EDGEAUTH_WRK_PATH", uri.getRawPath());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not end");
            }
            Matcher m = SUMMARY.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("wrk said: " + output);
            }
            return new Result(Long.parseLong(m.group(1)), Duration.ofNanos(Long.parseLong(m.group(2)) * 1000),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                    Long.parseLong(m.group(6)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
