package dev.drift.service.sweep;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A Spring-style cron expression of six fields, {@code second minute hour day-of-month month
 * day-of-week}, matched against wall-clock dates and times. Each field is {@code *} or a comma list
 * of values, ranges {@code a-b} and steps (<code>*&#47;n</code>, {@code a/n}, {@code a-b/n});
 * months may be {@code JAN}-{@code DEC}, days of week {@code SUN}-{@code SAT} or {@code 0}-{@code 7}
 * (0 and 7 are Sunday); {@code ?} stands for {@code *} in the two day fields. When both day fields
 * are restricted a day must match both.
 */
final class Cron {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;

    private Cron(String[] fields) {
        seconds = new Field("second", 0, 59, List.of()).parse(fields[0]);
        minutes = new Field("minute", 0, 59, List.of()).parse(fields[1]);
        hours = new Field("hour", 0, 23, List.of()).parse(fields[2]);
        daysOfMonth = new Field("day-of-month", 1, 31, List.of()).parse(fields[3]);
        months = new Field("month", 1, 12, MONTHS).parse(fields[4]);
        BitSet dow = new Field("day-of-week", 0, 7, DAYS).parse(fields[5]);
        if (dow.get(0)) {
            dow.set(DayOfWeek.SUNDAY.getValue());
        }
        daysOfWeek = dow;
    }

    /** Parses the expression; an {@link IllegalArgumentException} says what is wrong with it. */
    static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression is empty");
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron expression '" + expression + "' has " + fields.length
                    + " fields; expected 6: second minute hour day-of-month month day-of-week");
        }
        try {
            Cron cron = new Cron(fields);
            cron.requireSomeDay(expression);
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    boolean matches(LocalDate day) {
        return months.get(day.getMonthValue()) && daysOfMonth.get(day.getDayOfMonth())
                && daysOfWeek.get(day.getDayOfWeek().getValue());
    }

    BitSet hours() {
        return (BitSet) hours.clone();
    }

    BitSet minutes() {
        return (BitSet) minutes.clone();
    }

    BitSet seconds() {
        return (BitSet) seconds.clone();
    }

    /** Rejects expressions such as {@code 0 0 0 30 2 *} that name no existing date. */
    private void requireSomeDay(String expression) {
        for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
            if (daysOfMonth.nextSetBit(1) <= Month.of(m).maxLength()) {
                return;
            }
        }
        throw new IllegalArgumentException("no month has the days of month it names");
    }

    /** One field's syntax: its name, value bounds and optional names for values from {@code min}. */
    private record Field(String name, int min, int max, List<String> names) {

        BitSet parse(String text) {
            BitSet values = new BitSet(max + 1);
            for (String part : text.split(",", -1)) {
                part(part, values);
            }
            return values;
        }

        private void part(String part, BitSet values) {
            String[] stepped = part.split("/", -1);
            if (stepped.length > 2 || part.isEmpty()) {
                throw new IllegalArgumentException(name + " '" + part + "' is malformed");
            }
            int step = stepped.length == 2 ? step(stepped[1]) : 1;
            String range = stepped[0];
            int from;
            int to;
            if (range.equals("*") || (range.equals("?") && name.startsWith("day"))) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(name + " range '" + range + "' is malformed");
                }
                from = value(ends[0]);
                to = value(ends[1]);
                if (from > to) {
                    throw new IllegalArgumentException(name + " range '" + range + "' runs backwards");
                }
            } else {
                from = value(range);
                to = stepped.length == 2 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }

        private int step(String text) {
            int step = number(text, "step");
            if (step < 1) {
                throw new IllegalArgumentException(name + " step '" + text + "' must be at least 1");
            }
            return step;
        }

        private int value(String text) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            int value = named >= 0 ? named + (min == 0 ? 0 : 1) : number(text, "value");
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " value " + text + " is not within " + min + "-" + max);
            }
            return value;
        }

        private int number(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " " + what + " '" + text + "' is not a number"
                        + (names.isEmpty() ? "" : " or a name such as " + names.getFirst()));
            }
        }
    }
}
