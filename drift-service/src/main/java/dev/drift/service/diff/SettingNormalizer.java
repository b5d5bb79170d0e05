package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Configuration-file settings ({@code file[*].setting[*]}) and kernel parameters
 * ({@code sysctl[*]}). Exists because the same setting is written many ways without changing what
 * the program reads: {@code PermitRootLogin  No } and {@code permitrootlogin no} are one setting to
 * sshd, whose keyword values (yes/no, prohibit-password) are matched case-insensitively, and
 * {@code net.ipv4.ip_local_port_range} is tab-separated in /proc but space-separated in sysctl.conf.
 *
 * <p>The value is stripped, one pair of surrounding double quotes is removed, inner runs of
 * whitespace become one space, and case is ignored. A list (a multi-valued setting) is joined with
 * single spaces, which is how the file would hold it on one line.
 */
final class SettingNormalizer implements FieldNormalizer {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String kind() {
        return "configuration setting";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> Normalized.exact(canonical(t.value()));
            case FieldValue.Number n -> Normalized.exact(n.display());
            case FieldValue.Items i -> Normalized.exact(canonical(String.join(" ", i.values())));
            case FieldValue.Absent a -> Normalized.absent();
        };
    }

    private static String canonical(String raw) {
        String text = unquote(raw.strip()).strip();
        return WHITESPACE.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
