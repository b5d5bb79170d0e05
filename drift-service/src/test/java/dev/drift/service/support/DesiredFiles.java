package dev.drift.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory of file-backed desired state, one YAML file per CI. */
public final class DesiredFiles {
    private final Path directory;

    public DesiredFiles() {
        try {
            directory = Files.createTempDirectory("drift-desired-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code <ci>.yaml} with the given YAML body. */
    public DesiredFiles write(String ci, String yaml) {
        try {
            Files.writeString(directory.resolve(ci + ".yaml"), yaml);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code <ci>.yaml}: the CI leaves the inventory. */
    public DesiredFiles delete(String ci) {
        try {
            Files.deleteIfExists(directory.resolve(ci + ".yaml"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A VM whose desired power state is on. */
    public DesiredFiles poweredOnVm(String ci) {
        return write(ci, "type: vm\nfields:\n  power_state: on\n");
    }
}
