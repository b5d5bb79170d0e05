package dev.drift.cli;

import static dev.drift.cli.Fixtures.ID;
import static dev.drift.cli.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemediateCommandTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void postsDryRunWithCommentAndPrintsActionKey() throws InterruptedException {
        server.enqueue(json(202, "{\"drift_id\":\"" + ID + "\",\"action_key\":\"remediate:" + ID + ":1\",\"dry_run\":true}"));

        Cli.Result result = new Cli(server).run("remediate", ID, "--dry-run", "--comment", "see what it would do");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/drift/events/" + ID + "/remediate");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"dry_run\":true,\"comment\":\"see what it would do\"}");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Remediation dry run queued for drift " + ID + " (action remediate:" + ID
                + ":1); follow it with: drift-cli show " + ID + "\n");
    }

    @Test
    void postsARealRunByDefault() throws InterruptedException {
        server.enqueue(json(202, "{\"drift_id\":\"" + ID + "\",\"action_key\":\"k\",\"dry_run\":false}"));

        Cli.Result result = new Cli(server).run("remediate", ID);

        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"dry_run\":false}");
        assertThat(result.out()).startsWith("Remediation queued for drift " + ID);
    }
}
