package dev.drift.agent.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.PatchFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's diffs read as {@code diff -u} prints them, and apply back to the new content. */
class UnifiedDiffTest {
    @TempDir
    Path tmp;

    @Test
    void appendedLineIsOneHunkWithThreeLinesOfContext() throws Exception {
        String before = lines(1, 40);
        String after = before + "PermitRootLogin yes\n";

        assertThat(hunks(UnifiedDiff.between("/etc/x", before, after))).isEqualTo(gnuDiffHunks(before, after));
        assertThat(UnifiedDiff.between("/etc/x", before, after)).endsWith("""
                @@ -38,3 +38,4 @@
                 line 38
                 line 39
                 line 40
                +PermitRootLogin yes
                """);
    }

    @Test
    void createdFileIsEveryLineAdded() throws Exception {
        String after = lines(1, 5);

        String diff = UnifiedDiff.between("/etc/new", "", after);

        assertThat(hunks(diff)).isEqualTo(gnuDiffHunks("", after));
        assertThat(diff).startsWith("--- a/etc/new\n+++ b/etc/new\n@@ -0,0 +1,5 @@\n+line 1\n");
    }

    @Test
    void deletedFileIsEveryLineRemoved() throws Exception {
        String before = lines(1, 5);

        assertThat(hunks(UnifiedDiff.between("/etc/gone", before, ""))).isEqualTo(gnuDiffHunks(before, ""));
    }

    @Test
    void changesInTheMiddleAndFarApartAreSeparateHunks() throws Exception {
        String before = lines(1, 60);
        String after = before.replace("line 10\n", "line ten\n").replace("line 50\n", "").concat("tail\n");

        assertThat(hunks(UnifiedDiff.between("/etc/x", before, after))).isEqualTo(gnuDiffHunks(before, after));
    }

    @Test
    void identicalContentHasNoDiff() {
        assertThat(UnifiedDiff.between("/etc/x", lines(1, 3), lines(1, 3))).isEmpty();
        assertThat(UnifiedDiff.between("/etc/x", "", "")).isEmpty();
    }

    @Test
    void randomEditsOfRepetitiveFilesApplyBackToTheNewContent() throws PatchFailedException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> original = repetitive(random, random.nextInt(30));
            List<String> revised = edited(random, original);

            String diff = UnifiedDiff.between("/etc/r", text(original), text(revised));

            if (original.equals(revised)) {
                assertThat(diff).isEmpty();
                continue;
            }
            var patch = UnifiedDiffUtils.parseUnifiedDiff(diff.lines().toList());
            assertThat(patch.applyTo(original)).as("round %d:%n%s", round, diff).isEqualTo(revised);
        }
    }

    /** Lines from a small alphabet, so that many alignments are possible, as in certificate bundles. */
    private static List<String> repetitive(Random random, int size) {
        return IntStream.range(0, size).mapToObj(i -> "l" + random.nextInt(4)).collect(Collectors.toList());
    }

    private static List<String> edited(Random random, List<String> original) {
        List<String> revised = new ArrayList<>(original);
        int edits = random.nextInt(5);
        for (int i = 0; i < edits; i++) {
            int at = revised.isEmpty() ? 0 : random.nextInt(revised.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> revised.add(at, "new" + random.nextInt(3));
                case 1 -> { if (at < revised.size()) revised.remove(at); }
                default -> { if (at < revised.size()) revised.set(at, "chg" + random.nextInt(3)); }
            }
        }
        return revised;
    }

    private static String text(List<String> lines) {
        return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    /** Everything after the two header lines. */
    private static List<String> hunks(String diff) {
        List<String> lines = diff.lines().toList();
        return lines.subList(2, lines.size());
    }

    private List<String> gnuDiffHunks(String before, String after) throws IOException, InterruptedException {
        Path a = Files.writeString(tmp.resolve("a"), before);
        Path b = Files.writeString(tmp.resolve("b"), after);
        Process diff = new ProcessBuilder("diff", "-u", a.toString(), b.toString()).redirectErrorStream(true).start();
        String out = new String(diff.getInputStream().readAllBytes());
        assertThat(diff.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return hunks(out);
    }
}
