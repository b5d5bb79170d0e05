package dev.drift.service.desired.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDesiredStateSourceTest {
    @TempDir
    Path dir;

    private DesiredLookup lookup(String ci) {
        return new FileDesiredStateSource(new FileSourceProperties(dir.toString())).lookup(CiKey.of(ci));
    }

    @Test
    void readsFieldsWithTheirTypesAndProvenance() throws IOException {
        Files.writeString(dir.resolve("web-01.yaml"), """
                type: vm
                fields:
                  power_state: on
                  vcpus: 4
                  file[/etc/ssh/sshd_config].setting[PermitRootLogin]: no
                  interface[eth0].ip_addresses: [10.0.0.5/24, 10.0.0.6/24]
                  package[telnetd].version: ~
                ignore: ["file[/etc/hosts].*"]
                """);

        DesiredLookup.Managed managed = (DesiredLookup.Managed) lookup("web-01");

        var fields = managed.state().fields();
        assertThat(fields.get(FieldPath.of("power_state")).value()).isEqualTo(FieldValue.text("on"));
        assertThat(fields.get(FieldPath.of("vcpus")).value()).isEqualTo(new FieldValue.Number(new BigDecimal("4")));
        DesiredField setting = fields.get(FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]"));
        assertThat(setting.value()).isEqualTo(FieldValue.text("no"));
        assertThat(setting.provenance().objectId()).isEqualTo("web-01.yaml");
        assertThat(setting.provenance().attribute()).isEqualTo("fields.file[/etc/ssh/sshd_config].setting[PermitRootLogin]");
        assertThat(fields.get(FieldPath.parse("interface[eth0].ip_addresses")).value())
                .isEqualTo(new FieldValue.Items(java.util.List.of("10.0.0.5/24", "10.0.0.6/24")));
        assertThat(fields.get(FieldPath.parse("package[telnetd].version")).value()).isEqualTo(FieldValue.absent());
        assertThat(managed.state().ignore()).extracting(Object::toString).containsExactly("file[/etc/hosts].*");
    }

    @Test
    void tagsAndPacksAreNamesWithoutSpaces() throws IOException {
        Files.writeString(dir.resolve("web-02.yaml"), """
                type: vm
                tags: [prod, pci]
                packs: [ssh-hardening, base-linux, ssh-hardening]
                """);
        Files.writeString(dir.resolve("web-03.yaml"), "packs: [\"ssh hardening\"]\n");

        var state = ((DesiredLookup.Managed) lookup("web-02")).state();

        assertThat(state.tags()).containsExactlyInAnyOrder("prod", "pci");
        assertThat(state.packs()).containsExactly("ssh-hardening", "base-linux");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lookup("web-03"))
                .hasMessageContaining("'packs' entries must be names without spaces");
    }

    @Test
    void ciWithoutFileIsUnmanaged() {
        assertThat(lookup("nobody")).isInstanceOf(DesiredLookup.Unmanaged.class);
    }

    @Test
    void detectionDisabledSkipsTheCi() throws IOException {
        Files.writeString(dir.resolve("lab.yml"), "detection_enabled: false\nfields:\n  power_state: on\n");

        assertThat(lookup("lab")).isInstanceOf(DesiredLookup.Disabled.class);
    }

    @Test
    void malformedFileIsATerminalErrorNamingFileAndProblem() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "fields:\n  power_state: on\ncolour: blue\n");

        assertThatThrownBy(() -> lookup("bad")).isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("colour");
    }

    @Test
    void missingDirectoryIsRetryable() {
        var source = new FileDesiredStateSource(new FileSourceProperties(dir.resolve("gone").toString()));

        assertThatThrownBy(() -> source.lookup(CiKey.of("x"))).isInstanceOf(DriftException.Retryable.class);
    }

    @Test
    void rereadsAFileWhenItChanges() throws IOException {
        Path file = dir.resolve("vm.yaml");
        var source = new FileDesiredStateSource(new FileSourceProperties(dir.toString()));
        Files.writeString(file, "fields:\n  power_state: on\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        source.lookup(CiKey.of("vm"));

        Files.writeString(file, "fields:\n  power_state: off\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));

        var state = ((DesiredLookup.Managed) source.lookup(CiKey.of("vm"))).state();
        assertThat(state.fields().get(FieldPath.of("power_state")).value()).isEqualTo(FieldValue.text("off"));
    }
}
