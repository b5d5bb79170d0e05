package dev.drift.agent.change;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff with three lines of context, as {@code diff -u} prints it. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Empty text stands for a file that does not exist on that side. */
    static String between(String path, String before, String after) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a" + path, "b" + path, original, patch, CONTEXT);
        return String.join("\n", lines) + "\n";
    }
}
