package dev.drift.service.actions;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which values may leave drift in notifications, tickets and remediation inputs. Content, hashes
 * and settings of secret files (shadow, gshadow, private keys) and any value of a secret-looking
 * setting are shown as {@link Notice#REDACTED}; everything else is shown as it is.
 */
final class Redaction {
    private static final Set<String> SECRET_FILES = Set.of("/etc/shadow", "/etc/gshadow", "/etc/security/opasswd");
    private static final Pattern PRIVATE_KEY_FILE = Pattern.compile(".*(\\.key|\\.pem|/id_[a-z0-9]+|_key)$");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|hash|private).*");

    private Redaction() {
    }

    static String display(FieldPath path, FieldValue value) {
        return secret(path) ? Notice.REDACTED : value.display();
    }

    static boolean secret(FieldPath path) {
        FieldPath.Segment root = path.root();
        if ("file".equals(root.name()) && root.key() != null
                && (SECRET_FILES.contains(root.key()) || PRIVATE_KEY_FILE.matcher(root.key()).matches())) {
            return true;
        }
        for (FieldPath.Segment s : path.segments()) {
            if (SECRET_NAME.matcher(s.name()).matches() || s.key() != null && SECRET_NAME.matcher(s.key()).matches()) {
                return true;
            }
        }
        return false;
    }
}
