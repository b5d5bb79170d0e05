package dev.drift.embedded.netbox;

import java.time.Instant;

/** One object in the fake's store with the fields NetBox assigns: id and change times. */
record Stored<T>(int id, T spec, Instant created, Instant lastUpdated) {
}
