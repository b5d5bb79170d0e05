package dev.drift.service.system;

import java.util.HashMap;
import java.util.Map;

/** Samples of a Prometheus text exposition, looked up by name and labels. */
final class PrometheusText {
    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The value of the sample with this name whose labels include the given ones ({@code name,
     * value} pairs); fails when there is none.
     */
    double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> labelsOf(l).entrySet().containsAll(wanted.entrySet()))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + wanted + " in:\n" + text));
    }

    private static Map<String, String> labelsOf(String line) {
        Map<String, String> labels = new HashMap<>();
        int open = line.indexOf('{');
        if (open < 0) {
            return labels;
        }
        String inside = line.substring(open + 1, line.lastIndexOf('}'));
        for (String pair : inside.split("\",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
            }
        }
        return labels;
    }
}
