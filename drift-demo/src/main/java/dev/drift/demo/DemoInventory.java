package dev.drift.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the demo's desired-state files (resources {@code demo/desired/}) into a temporary directory. */
final class DemoInventory {
    static final List<String> CIS = List.of("web-01", "db-01", "edge-sw-01", "lab-99");

    private DemoInventory() {
    }

    static Path materialize() {
        try {
            Path dir = Files.createTempDirectory("drift-demo-desired-");
            for (String ci : CIS) {
                try (InputStream in = DemoInventory.class.getResourceAsStream("/demo/desired/" + ci + ".yaml")) {
                    if (in == null) {
                        throw new IllegalStateException("demo resource missing: " + ci + ".yaml");
                    }
                    Files.copy(in, dir.resolve(ci + ".yaml"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
