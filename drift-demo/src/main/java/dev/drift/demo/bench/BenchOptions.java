package dev.drift.demo.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of the ingest benchmark.
 *
 * @param events   entries preloaded for the throughput comparison
 * @param cis      distinct CIs the events are spread over
 * @param rates    offered rates (events/s) of the latency runs
 * @param seconds  length of each latency run
 * @param warmup   seconds offered at each rate before its run, not measured
 * @param consumers ingest consumers (threads) of the service
 * @param notifies whether the policies notify their channels (the default); without, transitions
 *                 record no notification, which measures the ledger and its messages alone
 * @param drifting percent of the latency runs' events that change a CI's state (1 to 100; 100, the
 *                 default, is the worst case: every event a transition); the others come from
 *                 machines that match their desired state, and only the drifting ones are measured
 */
record BenchOptions(int events, int cis, List<Integer> rates, int seconds, int warmup, int consumers,
                    boolean notifies, int drifting) {
    BenchOptions {
        if (drifting < 1 || drifting > 100) {
            throw new IllegalArgumentException("--drifting is a percentage from 1 to 100, not " + drifting);
        }
    }

    static BenchOptions parse(String[] args) {
        int events = 50_000;
        int cis = 1_000;
        List<Integer> rates = List.of(500, 2_000, 5_000);
        int seconds = 10;
        int warmup = 5;
        int consumers = 1;
        boolean notifies = true;
        int drifting = 100;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(required(value, args[i++]));
                case "--cis" -> cis = Integer.parseInt(required(value, args[i++]));
                case "--rates" -> rates = parseRates(required(value, args[i++]));
                case "--seconds" -> seconds = Integer.parseInt(required(value, args[i++]));
                case "--warmup" -> warmup = Integer.parseInt(required(value, args[i++]));
                case "--consumers" -> consumers = Integer.parseInt(required(value, args[i++]));
                case "--no-notify" -> notifies = false;
                case "--drifting" -> drifting = Integer.parseInt(required(value, args[i++]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "\nusage: ./drift bench [--events N] [--cis N] [--rates 500,2000,5000] [--seconds S] [--warmup S] [--consumers N] [--no-notify] [--drifting PERCENT]");
            }
        }
        return new BenchOptions(events, cis, rates, seconds, warmup, consumers, notifies, drifting);
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static List<Integer> parseRates(String text) {
        List<Integer> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            rates.add(Integer.parseInt(part.strip()));
        }
        return rates;
    }
}
