package dev.drift.service.actions.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The last {@value #MAX_BYTES} bytes of a run's output, as {@link dev.drift.service.actions.RunResult}
 * keeps it: the end of a run (the failed task, the recap) matters more than its start.
 */
final class OutputTail {
    static final int MAX_BYTES = 64 * 1024;

    private OutputTail() {
    }

    /** The tail of a file; empty when the file does not exist. */
    static String of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        long start = Math.max(0, Files.size(file) - MAX_BYTES);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            return decode(in.readNBytes(MAX_BYTES), start > 0);
        }
    }

    /** The tail of a text already in memory. */
    static String of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return text;
        }
        return decode(Arrays.copyOfRange(bytes, bytes.length - MAX_BYTES, bytes.length), true);
    }

    private static String decode(byte[] bytes, boolean cut) {
        int from = 0;
        if (cut) {
            // Cutting may split a multi-byte character: skip its continuation bytes.
            while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
                from++;
            }
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
