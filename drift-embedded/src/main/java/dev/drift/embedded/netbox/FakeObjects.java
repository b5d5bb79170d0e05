package dev.drift.embedded.netbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The objects of one NetBox model held by a {@link FakeNetBox}. Ids are assigned from 1 upwards as
 * NetBox does; {@code created} and {@code last_updated} are set on add, and {@code last_updated} is
 * bumped on every update. Safe to use while the fake serves requests.
 *
 * @param <T> the spec type, e.g. {@link VmSpec}
 */
public final class FakeObjects<T> {
    private final ConcurrentSkipListMap<Integer, Stored<T>> objects = new ConcurrentSkipListMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ChangeClock clock;
    private final IntConsumer onDelete;

    FakeObjects(ChangeClock clock, IntConsumer onDelete) {
        this.clock = clock;
        this.onDelete = onDelete;
    }

    /** Stores a new object and returns the id it was given. */
    public int add(T spec) {
        int id = ids.incrementAndGet();
        Instant now = clock.next();
        objects.put(id, new Stored<>(id, spec, now, now));
        return id;
    }

    /**
     * Replaces the object with {@code change} applied to it and bumps its {@code last_updated}.
     *
     * @throws NoSuchElementException when no object has this id
     */
    public void update(int id, UnaryOperator<T> change) {
        Stored<T> updated = objects.computeIfPresent(id, (key, old) ->
                new Stored<>(id, change.apply(old.spec()), old.created(), clock.next()));
        if (updated == null) {
            throw new NoSuchElementException("no object with id " + id);
        }
    }

    /**
     * Deletes the object; deleting a VM or device also deletes its interfaces, and deleting an interface
     * the IP addresses assigned to it, as NetBox cascades them.
     *
     * @return whether the object existed
     */
    public boolean delete(int id) {
        boolean existed = objects.remove(id) != null;
        if (existed) {
            onDelete.accept(id);
        }
        return existed;
    }

    /** The object's current spec. */
    public Optional<T> get(int id) {
        return find(id).map(Stored::spec);
    }

    /** The object's {@code last_updated} time as the fake renders it. */
    public Optional<Instant> lastUpdated(int id) {
        return find(id).map(Stored::lastUpdated);
    }

    /** The ids of all objects, ascending. */
    public List<Integer> ids() {
        return List.copyOf(objects.keySet());
    }

    public int size() {
        return objects.size();
    }

    Optional<Stored<T>> find(int id) {
        return Optional.ofNullable(objects.get(id));
    }

    Collection<Stored<T>> all() {
        return objects.values();
    }

    void removeIf(Predicate<T> predicate) {
        objects.values().stream()
                .filter(stored -> predicate.test(stored.spec()))
                .map(Stored::id)
                .toList()
                .forEach(this::delete);
    }
}
