package dev.drift.service.desired.netbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated NetBox client is an implementation detail of this adapter. */
class NetBoxTypesStayInAdapterTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path ADAPTER = MAIN.resolve("dev/drift/service/desired/netbox");

    @Test
    void noClassOutsideTheAdapterImportsTheGeneratedClient() throws IOException {
        assertThat(MAIN).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(ADAPTER))
                    .filter(NetBoxTypesStayInAdapterTest::importsClient)
                    .toList();
        }
        assertThat(offenders).as("classes importing dev.drift.service.desired.netbox.client").isEmpty();
    }

    private static boolean importsClient(Path file) {
        try {
            return Files.readString(file).contains("import dev.drift.service.desired.netbox.client");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
