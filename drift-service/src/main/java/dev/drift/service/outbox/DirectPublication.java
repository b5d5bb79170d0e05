package dev.drift.service.outbox;

import dev.drift.service.system.Database;
import dev.drift.service.system.IdempotentStreamWriter;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a transaction's outbox messages to Redis right after it commits, on the committing thread,
 * so that a transition reaches its stream without waiting for a round of {@link OutboxPublisher}.
 *
 * <p>Order: the committing thread takes the publication lock just before its commit and releases it
 * once its messages are appended (or their append failed); the publisher appends only while holding
 * the same lock. So this instance never appends a message before one committed earlier (a drift's
 * resolution before its detection), and the publisher never finds a committed row whose direct
 * append is still under way.
 *
 * <p>Failure: a transaction's outcome never depends on Redis. An append that fails, or is not
 * confirmed within {@code direct-timeout}, leaves its rows unpublished for the publisher's next round
 * (if the append lands after all, the idempotency key drops the repeat), and direct publication pauses
 * for {@code direct-pause}, so that a Redis outage does not hold every commit for the timeout.
 *
 * <p>Rows appended here are marked published later and in bulk by the publisher ({@link #takeAppended}),
 * off the commit path; a crash before that makes the publisher append them again, which the
 * idempotency key makes harmless.
 */
@Singleton
final class DirectPublication {
    private static final Logger LOG = LoggerFactory.getLogger(DirectPublication.class);

    private final Database database;
    private final IdempotentStreamWriter writer;
    private final OutboxProperties properties;
    private final ReentrantLock order = new ReentrantLock();
    private final Set<Long> appended = ConcurrentHashMap.newKeySet();
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    DirectPublication(Database database, IdempotentStreamWriter writer, OutboxProperties properties) {
        this.database = database;
        this.writer = writer;
        this.properties = properties;
    }

    /** An outbox row inserted by the current transaction. */
    record Row(long id, IdempotentStreamWriter.Append append) {
    }

    /**
     * Arranges for the rows to be appended when the calling thread's transaction commits. Does
     * nothing when direct publication is paused or the thread has no transaction: the publisher
     * takes the rows then.
     */
    void afterCommit(List<Row> rows) {
        if (rows.isEmpty() || System.nanoTime() - pausedUntilNanos.get() < 0) {
            return;
        }
        database.onCompletion(new Synchronization(rows));
    }

    /** Work of the publisher that must not interleave with a direct append. */
    @FunctionalInterface
    interface OrderedWork<T> {
        T run() throws SQLException;
    }

    /** Runs the publisher's select and append while no committing thread is between its commit and its append. */
    <T> T inOrder(OrderedWork<T> work) throws SQLException {
        order.lock();
        try {
            return work.run();
        } finally {
            order.unlock();
        }
    }

    /** Whether the row was appended here and is not yet marked published. */
    boolean isAppended(long id) {
        return appended.contains(id);
    }

    /** Takes up to {@code limit} ids appended here, for the publisher to mark published. */
    List<Long> takeAppended(int limit) {
        List<Long> taken = new ArrayList<>(Math.min(limit, appended.size()));
        for (Iterator<Long> it = appended.iterator(); it.hasNext() && taken.size() < limit; ) {
            taken.add(it.next());
            it.remove();
        }
        return taken;
    }

    /** Gives back ids the publisher could not mark (its transaction failed). */
    void giveBack(List<Long> ids) {
        appended.addAll(ids);
    }

    /** Forgets ids the publisher marked published (it found them among the unpublished rows). */
    void forget(List<Long> ids) {
        ids.forEach(appended::remove);
    }

    private void append(List<Row> rows) {
        try {
            writer.appendAll(rows.stream().map(Row::append).toList(), properties.dedupTtl(), properties.streamMaxLen(),
                    properties.directTimeout());
            rows.forEach(r -> appended.add(r.id()));
        } catch (RuntimeException e) {
            pausedUntilNanos.set(System.nanoTime() + properties.directPause().toNanos());
            LOG.warn("could not append {} committed messages ({}); the outbox publisher takes them, direct "
                    + "publication paused for {}", rows.size(), e.getMessage(), properties.directPause());
        }
    }

    /** Holds the publication lock from just before the commit until the rows are appended. */
    private final class Synchronization implements TransactionSynchronization {
        private final List<Row> rows;
        private boolean locked;

        Synchronization(List<Row> rows) {
            this.rows = rows;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            order.lock();
            locked = true;
        }

        @Override
        public void afterCommit() {
            append(rows);
        }

        @Override
        public void afterCompletion(Status status) {
            if (locked) {
                locked = false;
                order.unlock();
            }
        }
    }
}
