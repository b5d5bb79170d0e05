package dev.drift.agent.publish;

import dev.drift.agent.event.EventSink.SinkFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk queue of entries Redis has not acknowledged yet: an append-only file of
 * {@link SpoolFormat} records and a durable read offset ({@code spool.offset}: generation and byte
 * offset). Appends are fsynced before they return. One consumer {@link #peek peeks} at the oldest
 * records, sends them, and {@link #acknowledge acknowledges} them, which durably moves the offset;
 * a crash between sending and acknowledging re-sends those records after the restart, so Redis may
 * see a record twice but never misses one.
 *
 * <p>Compaction never rewrites the live file: the unacknowledged tail is copied into the next
 * generation's file, which becomes live when the offset file names it. Whatever a crash leaves
 * behind, start-up finds one live file, deletes the others, and cuts off a torn last record.
 */
final class Spool implements AutoCloseable {
    static final String OFFSET_FILE = "spool.offset";
    /** Acknowledged bytes worth reclaiming before the spool has fully drained. */
    static final long COMPACT_AFTER_BYTES = 4L * 1024 * 1024;
    private static final Pattern OFFSET = Pattern.compile("(\\d{1,18}) (\\d{1,18})");
    private static final Pattern GENERATION_FILE = Pattern.compile("spool-(\\d+)\\.log");
    private static final System.Logger LOG = System.getLogger(Spool.class.getName());

    private final Path directory;
    private final SpoolBound bound;
    private long generation;
    private FileChannel file;
    private long readOffset;
    private long endOffset;
    private long depth;
    private long dropped;
    private long droppedThisEpisode;

    private Spool(Path directory, SpoolBound bound) {
        this.directory = directory;
        this.bound = bound;
    }

    /** Opens the spool in {@code directory}, recovering from whatever state a crash left it in. */
    static Spool open(Path directory, SpoolBound bound) {
        Spool spool = new Spool(directory, bound);
        spool.recover();
        return spool;
    }

    private void recover() {
        String position = DurableFiles.read(directory.resolve(OFFSET_FILE)).orElse("0 0");
        Matcher parsed = OFFSET.matcher(position);
        if (!parsed.matches()) {
            throw new IllegalStateException(directory.resolve(OFFSET_FILE) + " is damaged ('" + position
                    + "'); it names the spool file and the offset of its oldest unsent event");
        }
        generation = Long.parseLong(parsed.group(1));
        deleteGenerationsOtherThan(generation);
        file = openGeneration(generation);
        readOffset = Long.parseLong(parsed.group(2));
        long size = size();
        if (readOffset > size) {
            LOG.log(Level.WARNING, "spool read offset {0} is past the end of {1} ({2} bytes); "
                    + "its records were sent, starting from the end", readOffset, fileOf(generation), size);
            readOffset = size;
        }
        scanPending();
    }

    private void scanPending() {
        long position = readOffset;
        SpoolFormat.Read read = SpoolFormat.read(file, position);
        while (read instanceof SpoolFormat.Read.Record record) {
            position = record.next();
            depth++;
            read = SpoolFormat.read(file, position);
        }
        if (read instanceof SpoolFormat.Read.Torn torn) {
            LOG.log(Level.WARNING, "discarding {0} bytes at the end of {1}: {2} (a write cut short by a crash; "
                    + "its publish never returned)", size() - position, fileOf(generation), torn.reason());
            truncate(position);
        }
        endOffset = position;
        if (depth > 0) {
            LOG.log(Level.INFO, "events in the spool not yet in Redis: {0}", depth);
        }
    }

    synchronized boolean isEmpty() {
        return depth == 0;
    }

    /** Records not yet acknowledged. */
    synchronized long depth() {
        return depth;
    }

    /** Events refused because the spool was at its bound, since start. */
    synchronized long dropped() {
        return dropped;
    }

    /**
     * Appends the entry behind all others and fsyncs it.
     *
     * @throws SinkFullException if the spool is at its bound; the entry is dropped and logged
     */
    synchronized void append(StreamEntry entry) {
        ByteBuffer record = SpoolFormat.encode(entry);
        if (depth + 1 > bound.maxRecords() || endOffset - readOffset + record.remaining() > bound.maxBytes()) {
            refuse(entry);
        }
        try {
            long position = endOffset;
            while (record.hasRemaining()) {
                position += file.write(record, position);
            }
            file.force(false);
            endOffset = position;
            depth++;
        } catch (IOException e) {
            truncate(endOffset);
            throw new UncheckedIOException("cannot spool " + entry + " to " + fileOf(generation), e);
        }
        if (droppedThisEpisode > 0) {
            LOG.log(Level.WARNING, "spool accepts events again after dropping {0}", droppedThisEpisode);
            droppedThisEpisode = 0;
        }
    }

    private void refuse(StreamEntry entry) {
        dropped++;
        if (droppedThisEpisode++ == 0) {
            LOG.log(Level.ERROR, "spool full ({0} events, {1} bytes; bound {2} events, {3} bytes) while Redis is "
                    + "unreachable: dropped {4}; further events are dropped until the spool drains",
                    depth, endOffset - readOffset, bound.maxRecords(), bound.maxBytes(), entry);
        }
        throw new SinkFullException("spool full (" + depth + " events pending): dropped " + entry);
    }

    /** Up to {@code max} of the oldest unacknowledged records, oldest first. */
    synchronized List<SpoolFormat.Read.Record> peek(int max) {
        List<SpoolFormat.Read.Record> records = new ArrayList<>();
        long position = readOffset;
        while (records.size() < max && position < endOffset
                && SpoolFormat.read(file, position) instanceof SpoolFormat.Read.Record record) {
            records.add(record);
            position = record.next();
        }
        return records;
    }

    /**
     * Marks records up to and including {@code last} (the {@code count} oldest ones) as delivered and
     * makes that durable before returning.
     */
    synchronized void acknowledge(SpoolFormat.Read.Record last, int count) {
        readOffset = last.next();
        depth -= count;
        if (readOffset == endOffset || readOffset >= COMPACT_AFTER_BYTES) {
            compact();
        } else {
            writeOffset(generation, readOffset);
        }
    }

    private void compact() {
        long next = generation + 1;
        FileChannel compacted = openGeneration(next);
        try {
            file.transferTo(readOffset, endOffset - readOffset, compacted);
            compacted.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the spool into " + fileOf(next), e);
        }
        DurableFiles.syncDirectory(directory);
        writeOffset(next, 0);
        closeFile();
        deleteGenerationsOtherThan(next);
        file = compacted;
        generation = next;
        endOffset -= readOffset;
        readOffset = 0;
    }

    private void writeOffset(long generationToRead, long offset) {
        DurableFiles.replace(directory.resolve(OFFSET_FILE), generationToRead + " " + offset);
    }

    private FileChannel openGeneration(long number) {
        try {
            return FileChannel.open(fileOf(number), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + fileOf(number), e);
        }
    }

    private void deleteGenerationsOtherThan(long live) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path other : files.toList()) {
                Matcher name = GENERATION_FILE.matcher(other.getFileName().toString());
                if (name.matches() && Long.parseLong(name.group(1)) != live) {
                    Files.delete(other);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up old spool files in " + directory, e);
        }
    }

    private Path fileOf(long number) {
        return directory.resolve("spool-" + number + ".log");
    }

    private long size() {
        try {
            return file.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + fileOf(generation), e);
        }
    }

    private void truncate(long position) {
        try {
            file.truncate(position);
            file.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + fileOf(generation), e);
        }
    }

    @Override
    public synchronized void close() {
        closeFile();
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot close " + fileOf(generation), e);
        }
    }
}
