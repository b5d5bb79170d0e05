package dev.drift.demo.bench;

import java.util.Arrays;
import java.util.List;

/** Reads a JVM's memory from the texts Linux and the JDK's tools give about it. */
final class JvmMemory {
    private JvmMemory() {
    }

    /**
     * The heap and metaspace of a JVM, in kB.
     *
     * @param usedKb      survivor, eden and old spaces in use
     * @param committedKb their capacities: what the heap holds from the operating system
     * @param metaspaceKb metaspace in use (class metadata)
     */
    record Heap(double usedKb, double committedKb, double metaspaceKb) {
    }

    /** The resident set size in kB from the text of {@code /proc/<pid>/status} ({@code VmRSS:}). */
    static long rssKb(String procStatus) {
        return procStatus.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.substring("VmRSS:".length()).replace("kB", "").strip()))
                .orElseThrow(() -> new IllegalArgumentException("no VmRSS line in " + procStatus));
    }

    /**
     * The heap from the output of {@code jstat -gc <pid>}: used is S0U + S1U + EU + OU, committed
     * S0C + S1C + EC + OC, whatever the collector (G1 prints the same columns).
     */
    static Heap heap(String jstatGc) {
        List<String> lines = jstatGc.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException("jstat -gc printed no figures: " + jstatGc);
        }
        List<String> header = Arrays.asList(lines.get(0).strip().split("\\s+"));
        String[] values = lines.get(1).strip().split("\\s+");
        return new Heap(sum(header, values, "S0U", "S1U", "EU", "OU"), sum(header, values, "S0C", "S1C", "EC", "OC"),
                sum(header, values, "MU"));
    }

    private static double sum(List<String> header, String[] values, String... columns) {
        double sum = 0;
        for (String column : columns) {
            int index = header.indexOf(column);
            if (index < 0 || index >= values.length) {
                throw new IllegalArgumentException("jstat -gc has no " + column + " column: " + header);
            }
            sum += values[index].equals("-") ? 0 : Double.parseDouble(values[index]);
        }
        return sum;
    }
}
