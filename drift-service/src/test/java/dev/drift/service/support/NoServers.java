package dev.drift.service.support;

import java.util.HashMap;
import java.util.Map;

/** Settings for an application context that binds and validates configuration without any server. */
public final class NoServers {
    private NoServers() {
    }

    /** {@code settings} plus what switches off the database, Flyway, ingest and reconcile workers. */
    public static Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        all.put("drift.ingest.enabled", false);
        all.put("drift.reconcile.enabled", false);
        return all;
    }
}
