package dev.drift.cli;

import static dev.drift.cli.Fixtures.ID;
import static dev.drift.cli.Fixtures.detail;
import static dev.drift.cli.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AckCommandTest {
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
    void postsCommentAndUserAndPrintsNewStatus() throws InterruptedException {
        server.enqueue(json(200, detail("acknowledged")));

        Cli.Result result = new Cli(server).run("ack", ID, "--comment", "known, CHG0030001");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/drift/events/" + ID + "/acknowledge");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"comment\":\"known, CHG0030001\",\"by\":\"alice\"}");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Acknowledged drift " + ID + ": now acknowledged.\n");
    }

    @Test
    void needsAComment() {
        Cli.Result result = new Cli(server).run("ack", ID);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("--comment");
        assertThat(server.getRequestCount()).isZero();
    }
}
