package dev.drift.agent.change;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.baseline.FileState;
import dev.drift.agent.parse.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds a {@code drift.file_changed} payload (schema {@code openapi/events/drift.file_changed.schema.json}):
 * {@code ci_id, path, change, sha256, mode, owner, group, size, link_target, diff, settings,
 * sensitive, observed_at}. A deleted file has no hash or attributes. {@code seq} and {@code agent} are
 * stamped by the sink. What may be in it is decided by the caller; this only lays it out.
 */
final class FileChangedPayload {
    static final String STREAM = "drift.file_changed";

    private FileChangedPayload() {
    }

    static ObjectNode build(String ciId, Path path, ChangeKind change, Optional<FileState> now, boolean sensitive,
                            Optional<String> diff, Optional<Settings> settings, Instant observedAt) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("ci_id", ciId)
                .put("path", path.toString())
                .put("change", change.json());
        now.ifPresent(state -> payload
                .put("sha256", state.sha256())
                .put("mode", state.mode())
                .put("owner", state.owner())
                .put("group", state.group())
                .put("size", state.size()));
        now.flatMap(FileState::linkTarget).ifPresent(target -> payload.put("link_target", target));
        diff.ifPresent(text -> payload.put("diff", text));
        settings.ifPresent(s -> payload.set("settings", s.toJson()));
        return payload
                .put("sensitive", sensitive)
                .put("observed_at", observedAt.toString());
    }
}
