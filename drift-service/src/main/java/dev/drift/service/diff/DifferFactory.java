package dev.drift.service.diff;

import dev.drift.service.model.FieldPattern;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Makes the one shared {@link Differ} from {@link DiffProperties}. */
@Factory
class DifferFactory {

    @Singleton
    Differ differ(DiffProperties properties) {
        return new Differ(properties.ignore().stream().map(FieldPattern::of).toList());
    }
}
