package dev.drift.agent.change;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A unified diff with three lines of context, as {@code diff -u} prints it.
 *
 * <p>Myers' algorithm takes time in the length times the number of edits, which is quadratic for a
 * file created or emptied (every line an edit). Like GNU diff, the lines both sides share at the
 * start and at the end are taken off first, and a side left empty is one insert or delete; so an
 * appended line or a new file costs a pass over the lines.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final Pattern EMPTY_RANGE = Pattern.compile("([-+])(\\d+),0 ");

    private UnifiedDiff() {
    }

    /** Empty text stands for a file that does not exist on that side. */
    static String between(String path, String before, String after) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        Patch<String> patch = patch(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a" + path, "b" + path, original, patch, CONTEXT);
        return lines.stream().map(UnifiedDiff::gnuEmptyRanges).collect(Collectors.joining("\n")) + "\n";
    }

    /**
     * An empty range starts at the line before it, as {@code diff -u} and {@code patch} have it
     * ({@code -0,0} for a created file); java-diff-utils prints the line after.
     */
    private static String gnuEmptyRanges(String line) {
        if (!line.startsWith("@@")) {
            return line;
        }
        Matcher range = EMPTY_RANGE.matcher(line);
        StringBuilder fixed = new StringBuilder();
        while (range.find()) {
            range.appendReplacement(fixed, range.group(1) + (Integer.parseInt(range.group(2)) - 1) + ",0 ");
        }
        return range.appendTail(fixed).toString();
    }

    static Patch<String> patch(List<String> original, List<String> revised) {
        int prefix = commonPrefix(original, revised);
        int suffix = commonSuffix(original, revised, prefix);
        List<String> removed = original.subList(prefix, original.size() - suffix);
        List<String> added = revised.subList(prefix, revised.size() - suffix);
        Patch<String> patch = new Patch<>();
        if (removed.isEmpty() && added.isEmpty()) {
            return patch;
        }
        if (removed.isEmpty()) {
            patch.addDelta(new InsertDelta<>(new Chunk<>(prefix, removed), new Chunk<>(prefix, added)));
            return patch;
        }
        if (added.isEmpty()) {
            patch.addDelta(new DeleteDelta<>(new Chunk<>(prefix, removed), new Chunk<>(prefix, added)));
            return patch;
        }
        for (AbstractDelta<String> delta : DiffUtils.diff(removed, added).getDeltas()) {
            patch.addDelta(delta.withChunks(shifted(delta.getSource(), prefix), shifted(delta.getTarget(), prefix)));
        }
        return patch;
    }

    private static Chunk<String> shifted(Chunk<String> chunk, int by) {
        return new Chunk<>(chunk.getPosition() + by, chunk.getLines());
    }

    private static int commonPrefix(List<String> a, List<String> b) {
        int limit = Math.min(a.size(), b.size());
        int i = 0;
        while (i < limit && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    /** Lines shared at the end, not counting those already in the shared prefix. */
    private static int commonSuffix(List<String> a, List<String> b, int prefix) {
        int limit = Math.min(a.size(), b.size()) - prefix;
        int i = 0;
        while (i < limit && a.get(a.size() - 1 - i).equals(b.get(b.size() - 1 - i))) {
            i++;
        }
        return i;
    }
}
