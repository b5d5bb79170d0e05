package dev.drift.agent.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The spool's record layout: {@code int length, int crc32c(body), body}, the body being {@code long
 * seq, int n, stream (n UTF-8 bytes), int m, ci id (m bytes), payload (the rest)}. The checksum
 * lets a start-up tell a record cut short by a crash (or garbage after it) from a whole one.
 */
final class SpoolFormat {
    static final int HEADER_BYTES = Integer.BYTES * 2;
    /** Larger than any event the agent builds; a bigger length can only be a torn header. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private SpoolFormat() {
    }

    /** What lies at a position of the spool file. */
    sealed interface Read {
        /** A whole record; the next one starts at {@code next}. */
        record Record(StreamEntry entry, long next) implements Read {
        }

        /** Nothing more: the position is the end of the file. */
        record End() implements Read {
        }

        /** Bytes that are not a whole record, from a write cut short. */
        record Torn(String reason) implements Read {
        }
    }

    /** @throws IllegalArgumentException if the entry is too large to be read back */
    static ByteBuffer encode(StreamEntry entry) {
        byte[] stream = entry.stream().getBytes(StandardCharsets.UTF_8);
        byte[] ciId = entry.ciId().getBytes(StandardCharsets.UTF_8);
        byte[] payload = entry.payload().getBytes(StandardCharsets.UTF_8);
        long bodyLength = (long) Long.BYTES + Integer.BYTES * 2 + stream.length + ciId.length + payload.length;
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(entry + " is " + bodyLength + " bytes, over the spool's limit of "
                    + MAX_BODY_BYTES);
        }
        ByteBuffer body = ByteBuffer.allocate((int) bodyLength)
                .putLong(entry.seq())
                .putInt(stream.length).put(stream)
                .putInt(ciId.length).put(ciId)
                .put(payload)
                .flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return ByteBuffer.allocate(HEADER_BYTES + (int) bodyLength)
                .putInt((int) bodyLength)
                .putInt((int) crc.getValue())
                .put(body)
                .flip();
    }

    static Read read(FileChannel file, long position) {
        try {
            long available = file.size() - position;
            if (available == 0) {
                return new Read.End();
            }
            if (available < HEADER_BYTES) {
                return new Read.Torn(available + " bytes of a record header");
            }
            ByteBuffer header = readFully(file, position, HEADER_BYTES);
            int length = header.getInt();
            int checksum = header.getInt();
            if (length < Long.BYTES + Integer.BYTES * 2 || length > MAX_BODY_BYTES) {
                return new Read.Torn("impossible record length " + length);
            }
            if (available - HEADER_BYTES < length) {
                return new Read.Torn((available - HEADER_BYTES) + " of " + length + " record bytes");
            }
            ByteBuffer body = readFully(file, position + HEADER_BYTES, length);
            CRC32C crc = new CRC32C();
            crc.update(body.duplicate());
            if ((int) crc.getValue() != checksum) {
                return new Read.Torn("checksum mismatch");
            }
            return decode(body, position + HEADER_BYTES + length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool", e);
        }
    }

    private static Read decode(ByteBuffer body, long next) {
        try {
            long seq = body.getLong();
            String stream = string(body, body.getInt());
            String ciId = string(body, body.getInt());
            String payload = string(body, body.remaining());
            return new Read.Record(new StreamEntry(stream, ciId, seq, payload), next);
        } catch (RuntimeException e) {
            return new Read.Torn("malformed record body: " + e.getMessage());
        }
    }

    private static String string(ByteBuffer body, int length) {
        byte[] bytes = new byte[length];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer readFully(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("spool ended inside a record at " + position);
            }
        }
        return buffer.flip();
    }
}
