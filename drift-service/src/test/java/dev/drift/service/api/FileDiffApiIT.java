package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file's drift comes with the unified diff the agent reported; a sensitive file's never does. */
@MicronautTest(transactional = false)
class FileDiffApiIT extends ServiceIT {
    private static final String DIFF = "--- /etc/ssh/sshd_config\\n+++ /etc/ssh/sshd_config\\n@@ -1 +1 @@\\n"
            + "-PermitRootLogin no\\n+PermitRootLogin yes\\n";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void theDetailOfAFileDriftShowsTheFilesLatestDiff() {
        desired.write("diff-1", "type: vm\nfields:\n  file[/etc/ssh/sshd_config].setting[PermitRootLogin]: no\n");
        streams.add("drift.file_changed", "{\"ci_id\":\"diff-1\",\"path\":\"/etc/ssh/sshd_config\",\"change\":\"modified\","
                + "\"settings\":{\"PermitRootLogin\":\"yes\"},\"diff\":\"" + DIFF + "\"}");

        Map<?, ?> detail = detailOf("diff-1");

        Map<?, ?> diff = (Map<?, ?>) detail.get("diff");
        assertThat(diff.get("unified").toString()).contains("-PermitRootLogin no", "+PermitRootLogin yes");
        assertThat(diff.get("source").toString()).startsWith("drift.file_changed/");
    }

    @Test
    void aSensitiveFileNeverHasADiff() {
        desired.write("diff-2", "type: vm\nfields:\n  file[/etc/shadow].sha256: " + "a".repeat(64) + "\n");
        streams.add("drift.file_changed", "{\"ci_id\":\"diff-2\",\"path\":\"/etc/shadow\",\"change\":\"modified\","
                + "\"sha256\":\"" + "b".repeat(64) + "\",\"sensitive\":true,\"diff\":\"-root:$6$secret\\n+root:$6$other\\n\"}");

        Map<?, ?> detail = detailOf("diff-2");

        assertThat(detail.get("diff")).isNull();
        assertThat(detail.toString()).doesNotContain("$6$");
    }

    private Map<?, ?> detailOf(String ci) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !items(ci).isEmpty());
        Object id = items(ci).getFirst().get("id");
        return http.toBlocking().retrieve(HttpRequest.GET("/drift/events/" + id), Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String ci) {
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/drift/events?ci=" + ci), Map.class);
        return (List<Map<String, Object>>) page.get("items");
    }
}
