package dev.drift.service.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of integration tests that run the whole service (annotate the subclass with
 * {@code @MicronautTest(transactional = false)}: the service commits on its own threads). Each
 * class gets its own PostgreSQL database, its own Redis logical database and its own directory of
 * file-backed desired state ({@link #desired}), and a Redis connection of its own ({@link #streams})
 * for writing events and reading what the service published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceIT implements TestPropertyProvider {
    protected final DesiredFiles desired = new DesiredFiles();
    protected Streams streams;
    private Map<String, String> properties;

    @Override
    public final Map<String, String> getProperties() {
        properties = new HashMap<>(TestServers.isolatedProperties());
        properties.put("drift.desired.file.directory", desired.directory().toString());
        properties.putAll(overrides());
        return properties;
    }

    /** Configuration this class sets on top of the isolated servers and the desired directory. */
    protected Map<String, String> overrides() {
        return Map.of();
    }

    protected String property(String name) {
        return properties.get(name);
    }

    @BeforeAll
    final void openStreams() {
        streams = new Streams(properties.get("drift.redis.uri"));
    }

    @AfterAll
    final void closeStreams() {
        streams.close();
    }
}
