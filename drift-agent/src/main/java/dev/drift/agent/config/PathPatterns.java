package dev.drift.agent.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * A set of glob patterns ({@link java.nio.file.FileSystem#getPathMatcher glob syntax}). A pattern
 * with a {@code /} is matched against the whole absolute path ({@code /etc/shadow},
 * {@code /etc/ssl/private/*}); one without is matched against the file name only ({@code *.swp},
 * {@code id_*}), wherever the file is.
 */
public final class PathPatterns {
    private final List<String> globs;
    private final List<PathMatcher> onPath;
    private final List<PathMatcher> onName;

    private PathPatterns(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.onPath = globs.stream().filter(g -> g.contains("/")).map(PathPatterns::matcher).toList();
        this.onName = globs.stream().filter(g -> !g.contains("/")).map(PathPatterns::matcher).toList();
    }

    /** @throws IllegalArgumentException naming the pattern when one is empty or not a valid glob */
    public static PathPatterns of(List<String> globs) {
        return new PathPatterns(globs);
    }

    private static PathMatcher matcher(String glob) {
        if (glob.isBlank()) {
            throw new IllegalArgumentException("empty path pattern");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid path pattern '" + glob + "': " + e.getDescription(), e);
        }
    }

    public boolean matches(Path path) {
        Path name = path.getFileName();
        return onPath.stream().anyMatch(m -> m.matches(path))
                || name != null && onName.stream().anyMatch(m -> m.matches(name));
    }

    public List<String> globs() {
        return globs;
    }

    @Override
    public String toString() {
        return globs.toString();
    }
}
