package io.github.edgeauth.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the verification benchmarks and prints each cost as a ratio against its baseline from the same run.
 * Exits non-zero when a bar is missed: a hit above 2 µs/op, or a miss above 1.15x raw nimbus; or when a benchmark
 * failed (JMH fails on error) or left no result for a method or algorithm, so that no bar goes unchecked.
 */
public final class RunBenchmarks {
    private static final double HIT_BAR_MICROS = 2.0;
    private static final double MISS_BAR_RATIO = 1.15;
    private static final double CLIENT_BAR_MICROS = 2.0;
    private static final double CLIENT_BUILD_BAR_RATIO = 0.10;

    private RunBenchmarks() {
    }

    /**
     * The results a run must have to check its bars: every method for every algorithm the verification benchmark
     * declares, and every client method; what is missing, as {@code method[algorithm]}.
     */
    static List<String> missing(Map<String, Map<String, Double>> byAlgorithm, Map<String, Double> client)
            throws NoSuchFieldException {
        List<String> missing = new ArrayList<>();
        for (String alg : ContextVerificationBenchmark.class.getField("algorithm").getAnnotation(Param.class).value()) {
            for (String method : List.of("rawNimbus", "edgeauthMiss", "edgeauthHit")) {
                if (!byAlgorithm.getOrDefault(alg, Map.of()).containsKey(method)) {
                    missing.add(method + "[" + alg + "]");
                }
            }
        }
        for (String method : List.of("constantHeader", "cachedToken", "jerseyClient", "featureConfigured")) {
            if (!client.containsKey(method)) {
                missing.add(method);
            }
        }
        return missing;
    }

    public static void main(String[] args) throws RunnerException, InterruptedException, java.io.IOException,
            NoSuchFieldException {
        Options options = new OptionsBuilder()
                .include(ContextVerificationBenchmark.class.getSimpleName())
                .include(ClientTokenBenchmark.class.getSimpleName())
                .include(ClientBuildBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(4).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true) // a benchmark that throws stops the run, never leaves a gap
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Map<String, Double>> byAlgorithm = new TreeMap<>();
        Map<String, Double> client = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String alg = result.getParams().getParam("algorithm");
            if (alg == null) {
                client.put(method, result.getPrimaryResult().getScore());
            } else {
                byAlgorithm.computeIfAbsent(alg, a -> new TreeMap<>()).put(method, result.getPrimaryResult().getScore());
            }
        }

        List<String> missing = missing(byAlgorithm, client);
        if (!missing.isEmpty()) {
            System.out.println("No result for " + missing + ": no bars checked.");
            System.exit(1);
        }

        boolean ok = true;
        double rsMiss = byAlgorithm.getOrDefault("RS256", Map.of()).getOrDefault("edgeauthMiss", Double.NaN);
        System.out.println();
        System.out.println("edgeauth context verification, µs/op (same JVM, same run)");
        System.out.printf(Locale.ROOT, "%-6s %10s %10s %10s %12s %10s %14s%n",
                "alg", "raw", "miss", "hit", "miss/raw", "hit/raw", "miss vs RS256");
        for (Map.Entry<String, Map<String, Double>> entry : byAlgorithm.entrySet()) {
            double raw = entry.getValue().get("rawNimbus");
            double miss = entry.getValue().get("edgeauthMiss");
            double hit = entry.getValue().get("edgeauthHit");
            double missRatio = miss / raw;
            System.out.printf(Locale.ROOT, "%-6s %10.2f %10.2f %10.3f %11.3fx %9.4fx %13.2fx%n",
                    entry.getKey(), raw, miss, hit, missRatio, hit / raw, miss / rsMiss);
            if (missRatio > MISS_BAR_RATIO) {
                System.out.printf(Locale.ROOT, "  OVER THE BAR: %s miss is %.3fx raw nimbus (bar %.2fx)%n",
                        entry.getKey(), missRatio, MISS_BAR_RATIO);
                ok = false;
            }
            if (hit > HIT_BAR_MICROS) {
                System.out.printf(Locale.ROOT, "  OVER THE BAR: %s hit is %.3f µs (bar %.1f µs)%n",
                        entry.getKey(), hit, HIT_BAR_MICROS);
                ok = false;
            }
        }
        double baseline = client.get("constantHeader");
        double cached = client.get("cachedToken");
        double added = cached - baseline;
        System.out.println();
        System.out.println("edgeauth client feature, µs/op (same JVM, same run)");
        System.out.printf(Locale.ROOT, "constant header %.4f  cached token %.4f  added %.4f (%.2fx)%n",
                baseline, cached, added, cached / baseline);
        if (added > CLIENT_BAR_MICROS) {
            System.out.printf(Locale.ROOT, "  OVER THE BAR: the feature adds %.3f µs per call (bar %.1f µs)%n",
                    added, CLIENT_BAR_MICROS);
            ok = false;
        }

        double plainClient = client.get("jerseyClient");
        double feature = client.get("featureConfigured");
        System.out.println();
        System.out.println("edgeauth client feature per client built, µs/op (same JVM, same run)");
        System.out.printf(Locale.ROOT, "plain Jersey client %.2f  feature configured %.2f  (%.3fx)%n",
                plainClient, feature, feature / plainClient);
        if (feature / plainClient > CLIENT_BUILD_BAR_RATIO) {
            System.out.printf(Locale.ROOT, "  OVER THE BAR: the feature costs %.3fx a plain client per client built"
                    + " (bar %.2fx)%n", feature / plainClient, CLIENT_BUILD_BAR_RATIO);
            ok = false;
        }

        TokenRequestCount.Result counts = TokenRequestCount.run();
        System.out.println();
        System.out.println("token requests over " + counts.calls() + " calls on "
                + TokenRequestCount.THREADS + " threads, " + TokenRequestCount.LIFETIME.toSeconds()
                + " s tokens (same JVM, same run)");
        System.out.printf(Locale.ROOT, "naive cache %d  edgeauth %d  ratio %.1fx fewer%n", counts.naiveRequests(),
                counts.edgeauthRequests(), (double) counts.naiveRequests() / Math.max(1, counts.edgeauthRequests()));

        System.out.println(ok ? "All bars met: hit <= 2 µs/op, miss <= 1.15x raw nimbus, client adds <= 2 µs/op,"
                + " feature <= 0.10x a plain client per client built."
                : "Some bars were missed (see above).");
        if (!ok) {
            System.exit(1);
        }
    }
}
