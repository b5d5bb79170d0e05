package dev.drift.service.system;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of the service, in UTC. Whatever decides by the time of day (the sweep schedule,
 * job timestamps, pack catalogs) takes it by injection, so that tests can replace it.
 */
@Factory
final class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
