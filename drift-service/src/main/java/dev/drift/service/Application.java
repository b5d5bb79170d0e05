package dev.drift.service;

import io.micronaut.runtime.Micronaut;

/** Starts drift-service. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
