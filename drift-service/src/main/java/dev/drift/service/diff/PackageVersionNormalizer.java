package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Locale;
import java.util.Set;

/**
 * Installed package versions ({@code package[*].version}). Exists for three habits of package
 * tooling:
 * <ul>
 *   <li>"not installed" is spelled {@code absent}, {@code not installed} or {@code none}; all mean
 *       {@link FieldValue.Absent}.</li>
 *   <li>rpm and dpkg print the default epoch {@code 0:} on some hosts and not on others;
 *       {@code 0:1.2-3} is the same version as {@code 1.2-3}.</li>
 *   <li>the CMDB often wants a package installed without pinning it: a desired {@code present},
 *       {@code installed} or {@code any} accepts every installed version, but not absence.</li>
 * </ul>
 * Otherwise versions compare exactly: {@code 1.2} and {@code 1.2.0} are different packages.
 */
final class PackageVersionNormalizer implements FieldNormalizer {
    private static final Set<String> ABSENT_WORDS = Set.of("absent", "not installed", "none");
    private static final Set<String> ANY_WORDS = Set.of("present", "installed", "any");
    private static final String DEFAULT_EPOCH = "0:";

    @Override
    public String kind() {
        return "package version";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> version(t.value().strip());
            case FieldValue.Number n -> version(n.display());
            case FieldValue.Items i -> Normalized.failed(Scalars.notScalar(value));
            case FieldValue.Absent a -> Normalized.absent();
        };
    }

    @Override
    public Normalized normalizeDesired(FieldValue value) {
        if (value instanceof FieldValue.Text t && ANY_WORDS.contains(t.value().strip().toLowerCase(Locale.ROOT))) {
            return new Normalized.Ok(new Canonical.AnyPresent());
        }
        return normalize(value);
    }

    private static Normalized version(String text) {
        if (ABSENT_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return Normalized.absent();
        }
        String version = text.startsWith(DEFAULT_EPOCH) ? text.substring(DEFAULT_EPOCH.length()) : text;
        if (version.isEmpty()) {
            return Normalized.failed("'" + text + "' is an empty version");
        }
        return Normalized.exact(version);
    }
}
