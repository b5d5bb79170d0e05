package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and disk sizes ({@code memory_mb}, {@code *_mb}, {@code disk_gb}, {@code *_gb}). Exists
 * because the CMDB stores a bare number in the field's unit while hosts report text with a unit of
 * their choosing: {@code "8 GiB"}, {@code "8G"}, {@code "8388608 kB"} (from /proc/meminfo).
 *
 * <p>A bare number is in the field's unit. Every unit is read as binary: {@code GB}, {@code G} and
 * {@code GiB} all mean 1024 MB, and {@code kB} means 1024 bytes. That is how hypervisors, NetBox
 * ({@code memory} in MB, {@code disk} in GB) and /proc/meminfo actually count, even where they
 * print decimal unit names; reading "GB" as 1000 MB would report drift on every host. Negative or
 * unparseable sizes fail.
 */
final class SizeNormalizer implements FieldNormalizer {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([a-zA-Z]*)");
    private static final BigDecimal STEP = BigDecimal.valueOf(1024);
    private static final Map<String, Integer> POWER_BY_UNIT = Map.ofEntries(
            Map.entry("b", 0), Map.entry("byte", 0), Map.entry("bytes", 0),
            Map.entry("k", 1), Map.entry("kb", 1), Map.entry("kib", 1),
            Map.entry("m", 2), Map.entry("mb", 2), Map.entry("mib", 2),
            Map.entry("g", 3), Map.entry("gb", 3), Map.entry("gib", 3),
            Map.entry("t", 4), Map.entry("tb", 4), Map.entry("tib", 4),
            Map.entry("p", 5), Map.entry("pb", 5), Map.entry("pib", 5));

    private final String unitName;
    private final int fieldPower;

    private SizeNormalizer(String unitName, int fieldPower) {
        this.unitName = unitName;
        this.fieldPower = fieldPower;
    }

    /** Sizes whose bare numbers are MB. */
    static SizeNormalizer megabytes() {
        return new SizeNormalizer("MB", 2);
    }

    /** Sizes whose bare numbers are GB. */
    static SizeNormalizer gigabytes() {
        return new SizeNormalizer("GB", 3);
    }

    @Override
    public String kind() {
        return "size in " + unitName;
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return switch (value) {
            case FieldValue.Number n -> n.value().signum() < 0
                    ? Normalized.failed("a size cannot be negative: " + n.display())
                    : Normalized.exact(Scalars.canonical(n.value()));
            case FieldValue.Text t -> parse(t.value());
            case FieldValue.Items i -> Normalized.failed(Scalars.notScalar(value));
            case FieldValue.Absent a -> Normalized.absent();
        };
    }

    private Normalized parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return Normalized.failed("'" + text + "' is not a size such as 8192, '8 GiB' or '8388608 kB'");
        }
        Optional<Integer> power = unitPower(m.group(2));
        if (power.isEmpty()) {
            return Normalized.failed("'" + text + "' has an unknown size unit '" + m.group(2) + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        return Normalized.exact(Scalars.canonical(convert(amount, power.get())));
    }

    private Optional<Integer> unitPower(String unit) {
        if (unit.isEmpty()) {
            return Optional.of(fieldPower);
        }
        return Optional.ofNullable(POWER_BY_UNIT.get(unit.toLowerCase(Locale.ROOT)));
    }

    /** Exact: dividing by a power of 1024 always terminates in decimal. */
    private BigDecimal convert(BigDecimal amount, int power) {
        int shift = power - fieldPower;
        BigDecimal factor = STEP.pow(Math.abs(shift));
        return shift >= 0 ? amount.multiply(factor) : amount.divide(factor);
    }
}
