package dev.drift.service.ingest;

import static dev.drift.service.ingest.Mappings.byPath;
import static dev.drift.service.ingest.Mappings.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileEventMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SSHD = "file[/etc/ssh/sshd_config]";
    private final FileEventMapper mapper = new FileEventMapper();

    private EventMapper.Mapping map(String payload) throws Exception {
        JsonNode node = JSON.readTree(payload);
        return mapper.map(node);
    }

    @Test
    void richEventMapsHashAndAttributes() throws Exception {
        Map<String, Observed> fields = byPath(map(EventDecoderTest.example("drift.file_changed.agent-modified.json")));

        assertThat(fields).containsEntry(SSHD + ".sha256",
                        value(FieldValue.text("3b1f8e3f4d6c2a0b9e7d5c1a8f6e4d2c0b9a7f5e3d1c8b6a4f2e0d9c7b5a3f1e")))
                .containsEntry(SSHD + ".mode", value(FieldValue.text("0644")))
                .containsEntry(SSHD + ".owner", value(FieldValue.text("root")))
                .containsEntry(SSHD + ".group", value(FieldValue.text("root")));
    }

    @Test
    void parsedSettingsMapEachSettingAndCoverTheFilesSettings() throws Exception {
        EventMapper.Mapping mapping = map(EventDecoderTest.example("drift.file_changed.agent-modified.json"));
        Map<String, Observed> fields = byPath(mapping);

        assertThat(fields).containsEntry(SSHD + ".setting[PermitRootLogin]", value(FieldValue.text("yes")))
                .containsEntry(SSHD + ".setting[Include]", value(FieldValue.text("/etc/ssh/sshd_config.d/*.conf")));
        assertThat(fields.keySet().stream().filter(p -> p.contains(".setting["))).hasSize(8);
        assertThat(mapping.coverage()).containsExactly(new Coverage(SSHD + ".setting["));
    }

    @Test
    void repeatedSettingBecomesItems() throws Exception {
        Map<String, Observed> fields = byPath(map(EventDecoderTest.example("drift.file_changed.agent-modified.json")));

        assertThat(fields).containsEntry(SSHD + ".setting[AcceptEnv]",
                value(new FieldValue.Items(List.of("LANG LC_*", "COLORTERM NO_COLOR"))));
    }

    @Test
    void deletedFileIsAbsentAndCoversItsSettings() throws Exception {
        EventMapper.Mapping mapping = map(EventDecoderTest.example("drift.file_changed.agent-deleted.json"));
        String file = "file[/etc/sudoers.d/90-deploy]";

        assertThat(byPath(mapping)).containsOnly(
                Map.entry(file + ".sha256", value(FieldValue.absent())),
                Map.entry(file + ".mode", value(FieldValue.absent())),
                Map.entry(file + ".owner", value(FieldValue.absent())),
                Map.entry(file + ".group", value(FieldValue.absent())));
        assertThat(mapping.coverage()).containsExactly(new Coverage(file + ".setting["));
    }

    @Test
    void inotifyEventNamesAreQuotedInTheUnknownReason() throws Exception {
        EventMapper.Mapping mapping = map(EventDecoderTest.example("drift.file_changed.inotify-close-write.json"));

        assertThat(byPath(mapping)).containsOnly(Map.entry("file[/etc/hosts].sha256",
                new Observed.Unknown("file reported CLOSE_WRITE,CLOSE without a content hash")));
        assertThat(mapping.coverage()).isEmpty();
    }

    @Test
    void bareDeleteEventIsUnknownRatherThanAbsent() throws Exception {
        Map<String, Observed> fields = byPath(map("{\"path\":\"/etc/hosts\",\"event\":\"DELETE\"}"));

        assertThat(fields).containsOnly(Map.entry("file[/etc/hosts].sha256",
                new Observed.Unknown("file reported DELETE without a content hash")));
    }

    @Test
    void richEventWithoutHashMarksHashUnknownButKeepsAttributes() throws Exception {
        Map<String, Observed> fields = byPath(map(
                "{\"path\":\"/etc/shadow\",\"change\":\"attributes\",\"mode\":\"0640\",\"owner\":\"root\",\"group\":\"shadow\"}"));

        assertThat(fields).containsOnly(
                Map.entry("file[/etc/shadow].sha256", new Observed.Unknown("file reported attributes without a content hash")),
                Map.entry("file[/etc/shadow].mode", value(FieldValue.text("0640"))),
                Map.entry("file[/etc/shadow].owner", value(FieldValue.text("root"))),
                Map.entry("file[/etc/shadow].group", value(FieldValue.text("shadow"))));
    }
}
