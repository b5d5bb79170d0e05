package dev.drift.agent.publish;

import io.lettuce.core.event.Event;
import io.lettuce.core.event.EventBus;
import reactor.core.publisher.Flux;

/**
 * Lettuce's event bus for a client whose events nobody reads: connection events are dropped where
 * lettuce's own bus would hand them to a Reactor sink and a scheduler.
 */
final class SilentEventBus implements EventBus {
    @Override
    public Flux<Event> get() {
        return Flux.empty();
    }

    @Override
    public void publish(Event event) {
        // Nobody subscribes: the agent logs what it needs from the outcome of each command.
    }
}
