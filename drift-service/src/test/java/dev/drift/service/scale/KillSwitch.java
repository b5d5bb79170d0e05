package dev.drift.service.scale;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.model.CiKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets {@link ScaleOutIT} kill one instance's event processing the way {@code kill -9} would: once
 * armed, the next thread of this instance that asks for desired state dies on the spot with an
 * {@link Error} that no code in the service catches.
 *
 * <p>Ingest reads desired state right after XREADGROUP and before its transaction opens, so the
 * ingest thread dies holding a batch it was delivered: nothing of the batch committed, nothing
 * acknowledged, the entries pending on this instance's consumer until another instance claims them.
 * Only the instance started with {@code scale-out.mortal=true} has one.
 */
@Singleton
@Requires(property = "spec.name", value = "ScaleOutIT")
@Requires(property = "scale-out.mortal", value = "true")
final class KillSwitch implements BeanCreatedEventListener<DesiredStateSource> {
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Set<String> killedThreads = ConcurrentHashMap.newKeySet();

    @Override
    public DesiredStateSource onCreated(BeanCreatedEvent<DesiredStateSource> event) {
        DesiredStateSource source = event.getBean();
        return new DesiredStateSource() {
            @Override
            public DesiredLookup lookup(CiKey ci) {
                dieIfArmed();
                return source.lookup(ci);
            }

            @Override
            public Map<CiKey, DesiredLookup> loadAll() {
                dieIfArmed();
                return source.loadAll();
            }

            @Override
            public String name() {
                return source.name();
            }
        };
    }

    void arm() {
        armed.set(true);
    }

    /** The threads that died since {@link #arm()}. */
    Set<String> killedThreads() {
        return Set.copyOf(killedThreads);
    }

    private void dieIfArmed() {
        if (armed.get()) {
            killedThreads.add(Thread.currentThread().getName());
            throw new Killed();
        }
    }

    /** An error, so that the service's {@code catch (RuntimeException)} blocks let it through. */
    static final class Killed extends Error {
        Killed() {
            super("killed by ScaleOutIT");
        }
    }
}
