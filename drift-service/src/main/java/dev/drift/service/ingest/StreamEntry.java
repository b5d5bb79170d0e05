package dev.drift.service.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw entry read from a stream.
 *
 * @param notUtf8 what is wrong with field values whose bytes are not UTF-8 (such as
 *                {@code payload: byte 0xff at offset 12}); those values are held
 *                with U+FFFD in place of the bad bytes, and the entry cannot be used
 */
record StreamEntry(String stream, String id, Map<String, String> fields, List<String> notUtf8) {
    StreamEntry {
        fields = Map.copyOf(fields);
        notUtf8 = List.copyOf(notUtf8);
    }

    StreamEntry(String stream, String id, Map<String, String> fields) {
        this(stream, id, fields, List.of());
    }

    /**
     * An entry from the raw bytes of its field values. Redis keeps bytes, and a lenient decode would
     * turn bytes that are not UTF-8 into U+FFFD, which a payload may also hold on purpose; decoding
     * strictly here is the only place the difference is still known.
     */
    static StreamEntry fromBytes(String stream, String id, Map<String, byte[]> raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> notUtf8 = new ArrayList<>();
        raw.forEach((name, bytes) -> {
            byte[] value = bytes == null ? new byte[0] : bytes;
            String text = new String(value, StandardCharsets.UTF_8);
            // Bad bytes always decode to U+FFFD; only then is the strict decode needed to tell.
            String problem = text.indexOf('\uFFFD') < 0 ? null : utf8Problem(value);
            if (problem != null) {
                notUtf8.add(name + ": " + problem);
            }
            fields.put(name, text);
        });
        return new StreamEntry(stream, id, fields, notUtf8);
    }

    private static String utf8Problem(byte[] value) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(Math.min(value.length + 1, 8192));
        CoderResult result;
        while ((result = decoder.decode(in, out, true)).isOverflow()) {
            out.clear();
        }
        if (!result.isError()) {
            return null;
        }
        return "byte 0x%02x at offset %d".formatted(value[in.position()] & 0xff, in.position());
    }

    /** {@code stream/id}, the source recorded with observations. */
    String source() {
        return stream + "/" + id;
    }
}
