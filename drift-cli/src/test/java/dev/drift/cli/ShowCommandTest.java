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

class ShowCommandTest {
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
    void printsEventWithHistoryAndActions() throws InterruptedException {
        server.enqueue(json(200, detail("open")));

        Cli.Result result = new Cli(server).run("show", ID);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/drift/events/" + ID);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("Drift " + ID + ": open, high")
                .contains("CI         web-01 (vm)")
                .contains("Desired    no")
                .contains("Actual     yes  (from agent at 2025-06-01T10:00:00Z)")
                .contains("2 times")
                .contains("History", "2025-06-01T10:00:01Z  -     open  reconciler  {\"reason\":\"differs\"}")
                .contains("Actions", "remediation  ansible  opened", "{\"rc\":0}");
    }

    @Test
    void rejectsAnIdThatIsNoUuidWithoutSending() {
        Cli.Result result = new Cli(server).run("show", "web-01");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(server.getRequestCount()).isZero();
    }
}
