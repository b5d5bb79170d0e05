package dev.drift.service.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic script of {@code vm.power_changed} events for CIs whose desired power state is on,
 * in rounds of one event per CI, and the ledger that applying it in order must leave.
 *
 * <p>CI {@code i} is off for {@code 1 + i % 2} rounds out of every {@code 5 + i % 3}, shifted by
 * {@code i}: every CI goes off at least twice and back on in between, some for two rounds in a
 * row (one drift seen again), and the last round leaves some off and some on.
 */
public final class PowerScript {
    private final int cis;
    private final int rounds;
    private final Instant start;

    /** One scripted event. */
    public record Event(String ci, boolean on, Instant observedAt) {
        public String payload() {
            return "{\"ci_id\":\"" + ci + "\",\"power_state\":\"" + (on ? "on" : "off") + "\",\"observed_at\":\""
                    + observedAt + "\"}";
        }
    }

    /** A drift row as the ledger must hold it: per CI in order of detection. */
    public record Drift(String ci, String field, String status, int occurrences) {
    }

    public PowerScript(int cis, int rounds, Instant start) {
        this.cis = cis;
        this.rounds = rounds;
        this.start = start;
    }

    public int rounds() {
        return rounds;
    }

    public int events() {
        return cis * rounds;
    }

    public List<String> cis() {
        List<String> names = new ArrayList<>(cis);
        for (int i = 0; i < cis; i++) {
            names.add(ci(i));
        }
        return names;
    }

    /** Round {@code r}: one event per CI, observed one second after the previous round. */
    public List<Event> round(int r) {
        List<Event> events = new ArrayList<>(cis);
        for (int i = 0; i < cis; i++) {
            events.add(new Event(ci(i), on(i, r), start.plus(Duration.ofSeconds(r))));
        }
        return events;
    }

    public boolean endsOn(int i) {
        return on(i, rounds - 1);
    }

    /**
     * The ledger's rule applied to the events in order: off with no open drift opens one, off again
     * counts another occurrence, on resolves it, on with nothing open does nothing.
     */
    public List<Drift> expectedDrifts() {
        List<Drift> drifts = new ArrayList<>();
        for (int i = 0; i < cis; i++) {
            int occurrences = 0;
            for (int r = 0; r < rounds; r++) {
                if (!on(i, r)) {
                    occurrences++;
                } else if (occurrences > 0) {
                    drifts.add(new Drift(ci(i), "power_state", "resolved", occurrences));
                    occurrences = 0;
                }
            }
            if (occurrences > 0) {
                drifts.add(new Drift(ci(i), "power_state", "open", occurrences));
            }
        }
        return drifts;
    }

    private static boolean on(int i, int r) {
        int period = 5 + i % 3;
        int offRounds = 1 + i % 2;
        return (r + i) % period >= offRounds;
    }

    private static String ci(int i) {
        return "scale-%03d".formatted(i);
    }
}
