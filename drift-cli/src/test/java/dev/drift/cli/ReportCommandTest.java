package dev.drift.cli;

import static dev.drift.cli.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportCommandTest {
    private static final String REPORT = """
            {"since":null,"until":"2025-06-02T00:00:00Z","total":4,"by_ci_type":{"vm":3,"switch":1},
             "by_category":{"security":1,"state":3},"by_severity":{"info":0,"warning":1,"high":3,"critical":0},
             "by_status":{"open":2,"resolved":2},
             "mean_time_to_resolve":{"resolved":2,"mean_seconds":3723.0,
               "by_severity":{"high":{"resolved":2,"mean_seconds":3723.0},"warning":{"resolved":0,"mean_seconds":null}}}}""";

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
    void printsCountsAndMeanTimeToResolve() throws InterruptedException {
        server.enqueue(json(200, REPORT));

        Cli.Result result = new Cli(server).run("report", "--since", "2025-06-01T00:00:00+02:00");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/drift/report?since=2025-06-01T00%3A00%3A00%2B02%3A00");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("Drift first detected ever to 2025-06-02T00:00:00Z: 4 events")
                .contains("severity     info 0, warning 1, high 3, critical 0")
                .contains("CI type      vm 3, switch 1")
                .contains("resolve time 1h 2m over 2 resolved (high 1h 2m, warning -)");
    }

    @Test
    void printsRawReportWithJson() throws InterruptedException {
        server.enqueue(json(200, REPORT));

        Cli.Result result = new Cli(server).run("report", "--json");

        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/report");
        assertThat(result.out().strip()).isEqualTo(REPORT);
    }
}
