package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File content hashes (leaf {@code sha256}). Exists because tools print the same digest in upper or
 * lower case, and some prefix it with the algorithm ({@code sha256:...}, as OCI and osquery do).
 * Anything that is not then 64 hex digits is not a SHA-256 and fails: a truncated or garbled hash
 * must never compare equal, or differ, by accident.
 */
final class HashNormalizer implements FieldNormalizer {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    @Override
    public String kind() {
        return "SHA-256 hash";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        if (!(value instanceof FieldValue.Text text)) {
            return Normalized.failed("expected a hash as text, got " + Scalars.describe(value));
        }
        String digest = text.value().strip().toLowerCase(Locale.ROOT);
        if (digest.startsWith(PREFIX)) {
            digest = digest.substring(PREFIX.length());
        }
        if (!SHA256.matcher(digest).matches()) {
            return Normalized.failed("'" + text.value() + "' is not 64 hexadecimal digits");
        }
        return Normalized.exact(digest);
    }
}
