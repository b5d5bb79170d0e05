package dev.drift.cli;

import static dev.drift.cli.Fixtures.event;
import static dev.drift.cli.Fixtures.json;
import static dev.drift.cli.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandTest {
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
    void sendsFiltersAsQueryWithBearerTokenAndPrintsTable() throws InterruptedException {
        server.enqueue(json(200, page(3, event("high", "open"))));

        Cli.Result result = new Cli(server).run("list", "--status", "open", "--severity", "high", "--category",
                "security", "--ci", "web-01", "--ci-type", "vm", "--limit", "1");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo(
                "/drift/events?status=open&severity=high&category=security&ci=web-01&ci_type=vm&size=1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("ID", "CI", "FIELD", "SEVERITY", "STATUS", "DESIRED", "ACTUAL")
                .contains(Fixtures.ID + "  web-01  file[/etc/ssh/sshd_config].PermitRootLogin  high      open    no")
                .contains("1 of 3 events shown");
    }

    @Test
    void saysMoreThanTheCountWhenTheServiceStoppedCounting() {
        server.enqueue(json(200, page(10000, event("high", "open")).replace("\"total_exact\":true",
                "\"total_exact\":false")));

        Cli.Result result = new Cli(server).run("list", "--limit", "1");

        assertThat(result.out()).contains("1 of more than 10000 events shown");
    }

    @Test
    void printsRawPageWithJson() {
        String body = page(1, event("high", "open"));
        server.enqueue(json(200, body));

        Cli.Result result = new Cli(server).run("list", "--json");

        assertThat(result.exit()).isZero();
        assertThat(result.out().strip()).isEqualTo(body);
    }

    @Test
    void saysSoWhenNothingMatches() throws InterruptedException {
        server.enqueue(json(200, page(0)));

        Cli.Result result = new Cli(server).run("list");

        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/events?size=50");
        assertThat(result.out()).contains("No drift events match.");
    }

    @Test
    void failOnExitsFourWhenDriftAtOrAboveTheSeverityExists() throws InterruptedException {
        server.enqueue(json(200, page(1, event("critical", "open"))));
        server.enqueue(json(200, page(0)));
        server.enqueue(json(200, page(1, event("critical", "open"))));

        Cli.Result result = new Cli(server).run("list", "--status", "open", "--fail-on", "high");

        server.takeRequest();
        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/events?status=open&severity=high&size=1");
        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/events?status=open&severity=critical&size=1");
        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.err()).contains("1 drift event at or above high");
    }

    @Test
    void failOnExitsZeroWhenNoneExists() {
        server.enqueue(json(200, page(1, event("warning", "open"))));
        server.enqueue(json(200, page(0)));
        server.enqueue(json(200, page(0)));

        Cli.Result result = new Cli(server).run("list", "--status", "open", "--fail-on", "high");

        assertThat(result.exit()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void failOnCountsOnlyTheSeverityFilteredFor() throws InterruptedException {
        server.enqueue(json(200, page(0)));
        server.enqueue(json(200, page(0)));

        Cli.Result result = new Cli(server).run("list", "--severity", "critical", "--fail-on", "warning");

        server.takeRequest();
        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/events?severity=critical&size=1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(result.exit()).isZero();
    }

    @Test
    void rejectsLimitOutOfRangeWithoutSending() {
        Cli.Result result = new Cli(server).run("list", "--limit", "501");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("--limit must be between 1 and 500");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rejectsUnknownSeverityAsUsageError() {
        Cli.Result result = new Cli(server).run("list", "--fail-on", "severe");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(server.getRequestCount()).isZero();
    }
}
