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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} driving one URL with requests pre-formatted by a Lua script from a file of header
 * lines (one per request, used in turn): a pool of thousands of tokens costs the load generator what one does.
 * Or, with another script, anonymous page views with long queries. Either way every answer is counted by what
 * it was, since wrk's own status errors count only statuses above 399.
 */
final class Wrk {
    private static final Pattern SUMMARY = Pattern.compile("EDGEAUTH-WRK requests=(\\d+) duration_us=(\\d+)"
            + " status_errors=(\\d+) socket_errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");
    private static final Pattern ANSWERS = Pattern.compile("EDGEAUTH-WRK-ANSWERS ([^\\r\\n]*)");
    /** The page views script's name for a 302 to the expected place. */
    static final String SIGN_IN = "signin";

    private final Path requests;
    private final Path pageViews;
    private final Path answers;

    private Wrk(Path requests, Path pageViews, Path answers) {
        this.requests = requests;
        this.pageViews = pageViews;
        this.answers = answers;
    }

    /** Writes the Lua scripts into {@code dir}; fails with the command to run when wrk is not installed. */
    static Wrk in(Path dir) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is missing: apt-get install -y wrk");
        }
        return new Wrk(script(dir, "requests.lua"), script(dir, "page-views.lua"), script(dir, "answers.lua"));
    }

    private static Path script(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = Wrk.class.getResourceAsStream(name)) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /**
     * What one run measured. Latencies in microseconds.
     *
     * @param answers every answer by what it was: {@code 200} (with the expected body), {@code 200-wrong-body}, or
     *                another status (the page views script's {@code signin} and {@code 302-elsewhere})
     */
    record Result(long requests, Duration duration, long socketErrors, long p50Micros,
                  long p99Micros, Map<String, Long> answers) {
        double perSecond() {
            return requests * 1e6 / (duration.toNanos() / 1000.0);
        }

        /** How many answers were {@code key}. */
        long answered(String key) {
            return answers.getOrDefault(key, 0L);
        }

        /**
         * Why this run is not one where every request got {@code wanted}, or empty: any other answer, a socket
         * error, no request at all, or answers that do not add up to the requests wrk counted.
         */
        Optional<String> failure(String wanted) {
            Map<String, Long> others = new TreeMap<>(answers);
            others.remove(wanted);
            long counted = answers.values().stream().mapToLong(Long::longValue).sum();
            if (requests > 0 && others.isEmpty() && socketErrors == 0 && counted == requests) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%d requests, %d answered %s, others %s, %d socket errors%s",
                    requests, answered(wanted), wanted, others, socketErrors,
                    counted == requests ? "" : ", " + counted + " answers counted"));
        }
    }

    /**
     * Runs {@code wrk} against {@code uri} for {@code duration}, sending the headers of {@code headers} (a file
     * of {@code Name: value} lines) in turn; a 200 counts as {@code 200} only if its body matches the Lua
     * pattern {@code bodyPattern}.
     */
    Result run(URI uri, Path headers, String bodyPattern, int threads, int connections, Duration duration) {
        return summary(execute(requests, uri, Map.of("EDGEAUTH_WRK_HEADERS", headers.toString(),
                "EDGEAUTH_WRK_EXPECT_BODY", bodyPattern), threads, connections, duration));
    }

    /**
     * Runs {@code wrk} against {@code page} for {@code duration} as browsers' page navigations without cookies,
     * each with a query {@code q} of {@code queryLength} URL-safe characters, different for every request;
     * counts the answers that are a 302 to a URL starting with {@code expectedLocation} ({@value #SIGN_IN}), and
     * every other.
     */
    Result pageViews(URI page, int queryLength, String expectedLocation, int threads, int connections,
                     Duration duration) {
        return summary(execute(pageViews, page, Map.of("EDGEAUTH_WRK_QUERY_LENGTH", String.valueOf(queryLength),
                "EDGEAUTH_WRK_EXPECT_LOCATION", expectedLocation), threads, connections, duration));
    }

    private static Result summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        Matcher a = ANSWERS.matcher(output);
        if (!m.find() || !a.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        Map<String, Long> answers = new TreeMap<>();
        for (String part : a.group(1).strip().split(",")) {
            if (!part.isEmpty()) {
                int eq = part.lastIndexOf('=');
                answers.merge(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)), Long::sum);
            }
        }
        return new Result(Long.parseLong(m.group(1)), Duration.ofNanos(Long.parseLong(m.group(2)) * 1000),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Map.copyOf(answers)); // group 3, wrk's own status errors, counts only statuses above 399
    }

    /** Runs {@code script} against {@code uri}'s path with {@code env} added; returns what wrk printed. */
    private String execute(Path script, URI uri, Map<String, String> env, int threads, int connections,
                                  Duration duration) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                uri.getScheme() + "://" + uri.getAuthority()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("EDGEAUTH_WRK_PATH", uri.getRawPath());
        builder.environment().put("EDGEAUTH_WRK_ANSWERS", answers.toString()); // what both scripts share
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
