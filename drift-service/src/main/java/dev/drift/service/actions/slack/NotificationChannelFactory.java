package dev.drift.service.actions.slack;

import dev.drift.service.actions.NotificationChannel;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** One {@link NotificationChannel} bean per {@code drift.notify.channels.<name>}, named like it. */
@Factory
final class NotificationChannelFactory {

    @Singleton
    @EachBean(ChannelProperties.class)
    NotificationChannel channel(ChannelProperties properties) {
        return switch (properties.type()) {
            case SLACK -> new SlackChannel(properties);
            case CONSOLE -> new ConsoleChannel(properties, System.out);
        };
    }
}
