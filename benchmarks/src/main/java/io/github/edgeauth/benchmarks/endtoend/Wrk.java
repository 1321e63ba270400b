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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} driving one URL with requests pre-formatted by a Lua script from a file of header
 * lines (one per request, used in turn): a pool of thousands of tokens costs the load generator what one does.
 * Or, with another script, anonymous page views with long queries, every answer checked.
 */
final class Wrk {
    private static final Pattern SUMMARY = Pattern.compile("EDGEAUTH-WRK requests=(\\d+) duration_us=(\\d+)"
            + " status_errors=(\\d+) socket_errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");
    private static final Pattern ANSWERS = Pattern.compile("EDGEAUTH-WRK-ANSWERS ([^\\r\\n]*)");
    /** The page views script's name for a 302 to the expected place. */
    private static final String SIGN_IN = "signin";

    private final Path requests;
    private final Path pageViews;

    private Wrk(Path requests, Path pageViews) {
        this.requests = requests;
        this.pageViews = pageViews;
    }

    /** Writes the Lua scripts into {@code dir}; fails with the command to run when wrk is not installed. */
    static Wrk in(Path dir) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is missing: apt-get install -y wrk");
        }
        return new Wrk(script(dir, "requests.lua"), script(dir, "page-views.lua"));
    }

    private static Path script(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = Wrk.class.getResourceAsStream(name)) {
            Files.write(script, in.readAllBytes());
        }
        return script;
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
        return summary(execute(requests, uri, Map.of("EDGEAUTH_WRK_HEADERS", headers.toString()), threads,
                connections, duration));
    }

    /**
     * What anonymous page views got: every answer by what it was.
     *
     * @param signInRedirects 302s to the expected place
     * @param others          every other answer, by status ({@code 302-elsewhere} for a redirect elsewhere)
     */
    record PageViews(Result result, long signInRedirects, Map<String, Long> others) {
        long otherAnswers() {
            return others.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Runs {@code wrk} against {@code page} for {@code duration} as browsers' page navigations without cookies,
     * each with a query {@code q} of {@code queryLength} URL-safe characters, different for every request;
     * counts the answers that are a 302 to a URL starting with {@code expectedLocation}, and every other.
     */
    PageViews pageViews(URI page, int queryLength, String expectedLocation, int threads, int connections,
                        Duration duration) {
        String output = execute(pageViews, page, Map.of("EDGEAUTH_WRK_QUERY_LENGTH", String.valueOf(queryLength),
                "EDGEAUTH_WRK_EXPECT_LOCATION", expectedLocation), threads, connections, duration);
        Matcher m = ANSWERS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        long signIns = 0;
        Map<String, Long> others = new TreeMap<>();
        for (String part : m.group(1).strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.lastIndexOf('=');
            long n = Long.parseLong(part.substring(eq + 1));
            if (part.substring(0, eq).equals(SIGN_IN)) {
                signIns += n;
            } else {
                others.merge(part.substring(0, eq), n, Long::sum);
            }
        }
        return new PageViews(summary(output), signIns, others);
    }

    private static Result summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        return new Result(Long.parseLong(m.group(1)), Duration.ofNanos(Long.parseLong(m.group(2)) * 1000),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)));
    }

    /** Runs {@code script} against {@code uri}'s path with {@code env} added; returns what wrk printed. */
    private static String execute(Path script, URI uri, Map<String, String> env, int threads, int connections,
                                  Duration duration) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                uri.getScheme() + "://" + uri.getAuthority()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("EDGEAUTH_WRK_PATH", uri.getRawPath());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not end");
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
