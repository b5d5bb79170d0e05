package dev.drift.agent.redact;

import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.PathPatterns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decides which files are secret. A sensitive file is compared by hash only: its content is not
 * kept in the baseline, and no diff and no settings of it leave the node, except settings whose
 * parser is safe for secrets (the shadow user list). A file is sensitive when its path matches a
 * configured pattern, or when its content holds a PEM private key, wherever it is.
 */
public final class SensitiveFiles {
    private static final byte[] PRIVATE_KEY = "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII);

    private final PathPatterns patterns;
    private final HostRoot host;

    /** Patterns matched against the paths as they are (the agent runs on the node). */
    public SensitiveFiles(PathPatterns patterns) {
        this(patterns, HostRoot.NODE);
    }

    /** Patterns matched against node paths, whatever the host root the files are read under. */
    public SensitiveFiles(PathPatterns patterns, HostRoot host) {
        this.patterns = Objects.requireNonNull(patterns, "patterns");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** By name alone, before anything is read. */
    public boolean byPath(Path path) {
        return patterns.matches(host.onNode(path));
    }

    /**
     * @param content the file's bytes as far as they were read (empty when too large to read)
     */
    public boolean isSensitive(Path path, byte[] content) {
        return byPath(path) || containsPrivateKey(content);
    }

    /** Whether the bytes hold a PEM private key (which makes any file sensitive). */
    public static boolean containsPrivateKey(byte[] content) {
        outer:
        for (int i = 0; i <= content.length - PRIVATE_KEY.length; i++) {
            for (int j = 0; j < PRIVATE_KEY.length; j++) {
                if (content[i + j] != PRIVATE_KEY[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
