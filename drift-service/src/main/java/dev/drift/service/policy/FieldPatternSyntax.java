package dev.drift.service.policy;

import dev.drift.service.model.FieldPattern;

/**
 * Checks that a policy's field pattern can match a field path at all, so a typo is refused rather
 * than stored as a policy that never applies. Outside brackets only segment-name characters
 * ({@code a-z 0-9 _}), dots, {@code *} and an opening bracket may appear; inside brackets anything
 * but another bracket. A bracket may stay open only when a {@code *} follows it
 * ({@code file[/etc/ssh/*} matches every field of every file under /etc/ssh).
 */
final class FieldPatternSyntax {
    private FieldPatternSyntax() {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong. */
    static FieldPattern parse(String glob) {
        if (glob.isBlank() || glob.length() > 1024) {
            throw new IllegalArgumentException("field pattern must be 1-1024 characters");
        }
        if (!glob.equals(glob.strip())) {
            throw new IllegalArgumentException("field pattern must not start or end with spaces: '" + glob + "'");
        }
        int open = -1;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (open >= 0) {
                if (c == '[') {
                    throw malformed(glob, i);
                }
                if (c == ']') {
                    open = -1;
                }
            } else if (c == '[') {
                open = i;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '*')) {
                throw malformed(glob, i);
            }
        }
        if (open >= 0 && glob.indexOf('*', open) < 0) {
            throw new IllegalArgumentException("field pattern '" + glob + "' leaves a bracket open without a *");
        }
        return FieldPattern.of(glob);
    }

    private static IllegalArgumentException malformed(String glob, int position) {
        return new IllegalArgumentException("malformed field pattern '" + glob + "' at position " + position);
    }
}
