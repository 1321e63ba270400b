package io.github.edgeauth.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-variant samples over the rounds of one run, and their medians. */
final class Samples {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(String variant, double value) {
        values.computeIfAbsent(variant, v -> new ArrayList<>()).add(value);
    }

    List<Double> of(String variant) {
        return values.getOrDefault(variant, List.of());
    }

    double median(String variant) {
        return median(of(variant));
    }

    /** The ratio of {@code variant} to {@code baseline} in each round (both measured in that round). */
    List<Double> ratios(String variant, String baseline) {
        List<Double> a = of(variant);
        List<Double> b = of(baseline);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return ratios;
    }

    static double median(List<Double> list) {
        if (list.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = list.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
