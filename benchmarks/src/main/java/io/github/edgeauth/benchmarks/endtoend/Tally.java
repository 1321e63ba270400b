package io.github.edgeauth.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

/**
 * What the soak's callers saw, by phase: every answer counted by caller and outcome ({@code 200}, a status, or
 * what went wrong on the wire), each outcome judged against what the phase's fault allows, and the latency of
 * every request. Thread-safe: hundreds of callers record at once.
 */
final class Tally {
    /** The answer a caller wants. */
    static final String OK = "200";

    /**
     * A stretch of the run, with the failures its fault explains.
     *
     * @param allowed which {@code (caller, outcome)} pairs other than {@link #OK} are expected
     * @param clean   whether no fault is on: then every kind of caller must also succeed often enough
     */
    record Phase(String name, BiPredicate<String, String> allowed, boolean clean) {
        /** A phase with a fault on, whose {@code allowed} failures are expected. */
        Phase(String name, BiPredicate<String, String> allowed) {
            this(name, allowed, false);
        }

        static Phase clean(String name) {
            return new Phase(name, (caller, outcome) -> false, true);
        }

        /** A clean phase while the servers warm up: no failure expected, but no minimum either. */
        static Phase warmUp(String name) {
            return new Phase(name, (caller, outcome) -> false, false);
        }
    }

    private record Key(String phase, String caller, String outcome) {
    }

    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
    private volatile Phase current;

    /** From now on, answers count for {@code phase}. */
    synchronized void enter(Phase phase) {
        phases.put(phase.name(), phase);
        current = phase;
        System.out.printf(Locale.ROOT, "%tT phase: %s%n", System.currentTimeMillis(), phase.name());
    }

    /** The phase now: what a caller notes before it sends, so an answer counts where its request began. */
    Phase current() {
        return current;
    }

    /** Counts {@code caller}'s answer to a request sent during {@code phase}. */
    void record(Phase phase, String caller, String outcome, long micros) {
        counts.computeIfAbsent(new Key(phase.name(), caller, outcome), k -> new LongAdder()).increment();
        if (!caller.startsWith(SoakLoad.SIGN_PREFIX)) {
            latencies.computeIfAbsent(phase.name(), k -> new Latencies()).add(micros);
        }
    }

    /** How many answers {@code caller} got with {@code outcome} in {@code phase}. */
    long count(String phase, String caller, String outcome) {
        LongAdder adder = counts.get(new Key(phase, caller, outcome));
        return adder == null ? 0 : adder.sum();
    }

    /** Every failure no phase explains, as lines; empty when all went as expected. */
    List<String> unexpected() {
        List<String> lines = new ArrayList<>();
        snapshot().forEach((key, n) -> {
            if (!key.outcome().equals(OK) && !phases.get(key.phase()).allowed().test(key.caller(), key.outcome())) {
                lines.add(key.phase() + ": " + key.caller() + " got " + key.outcome() + " " + n + " times");
            }
        });
        return lines;
    }

    /**
     * Every clean phase in which a caller got fewer {@link #OK} answers than {@code minimums} asks (by caller),
     * as lines: a phase in which callers stalled, or sent nothing, proves nothing.
     */
    List<String> shortfalls(Map<String, Long> minimums) {
        List<String> lines = new ArrayList<>();
        for (Phase phase : phases.values()) {
            if (phase.clean()) {
                minimums.forEach((caller, minimum) -> {
                    long ok = count(phase.name(), caller, OK);
                    if (ok < minimum) {
                        lines.add(phase.name() + ": " + caller + " got " + ok + " answers " + OK + ", fewer than "
                                + minimum);
                    }
                });
            }
        }
        return lines;
    }

    private Map<Key, Long> snapshot() {
        Map<Key, Long> copy = new TreeMap<>(Comparator.comparing(Key::phase).thenComparing(Key::caller)
                .thenComparing(Key::outcome));
        counts.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }

    /** One line per phase: requests, p50/p99, then each outcome but 200 by caller, marked expected or not. */
    void print() {
        Map<Key, Long> all = snapshot();
        System.out.printf(Locale.ROOT, "%n%-22s %9s %9s %9s %9s  %s%n", "phase", "requests", "sign-ins", "p50 ms",
                "p99 ms", "answers other than 200 (caller: outcome x count)");
        for (Phase phase : phases.values()) {
            long requests = 0;
            long signIns = 0;
            List<String> others = new ArrayList<>();
            for (Map.Entry<Key, Long> entry : all.entrySet()) {
                Key key = entry.getKey();
                if (!key.phase().equals(phase.name())) {
                    continue;
                }
                if (key.caller().startsWith(SoakLoad.SIGN_PREFIX)) {
                    signIns += entry.getValue();
                } else {
                    requests += entry.getValue();
                }
                if (!key.outcome().equals(OK)) {
                    boolean expected = phase.allowed().test(key.caller(), key.outcome());
                    others.add(key.caller() + ": " + key.outcome() + " x" + entry.getValue()
                            + (expected ? " (expected)" : " (UNEXPECTED)"));
                }
            }
            Latencies times = latencies.getOrDefault(phase.name(), new Latencies());
            System.out.printf(Locale.ROOT, "%-22s %9d %9d %9.1f %9.1f  %s%n", phase.name(), requests, signIns,
                    times.percentile(50) / 1000.0, times.percentile(99) / 1000.0,
                    others.isEmpty() ? "-" : String.join("; ", others));
        }
    }

    /** Latencies in microseconds, kept whole: a soak's worth fits in memory. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        synchronized long percentile(int p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[Math.min(size - 1, (int) Math.ceil(p / 100.0 * size) - 1)];
        }
    }
}
