package dev.drift.cli;

import static dev.drift.cli.Fixtures.ID;
import static dev.drift.cli.Fixtures.page;
import static dev.drift.cli.Fixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @ParameterizedTest
    @CsvSource({
        "401, no valid API token, 2",
        "403, this needs the operator role, 2",
        "404, no drift event, 2",
        "409, drift event is resolved, 2",
        "500, the server failed to handle the request; see the service log, 3",
        "503, desired state unavailable, 3"})
    void mapsProblemAnswersToExitCodesAndPrintsTheDetail(int status, String detail, int exit) {
        server.enqueue(problem(status, detail));

        Cli.Result result = new Cli(server).run("ack", ID, "--comment", "x");

        assertThat(result.exit()).isEqualTo(exit);
        assertThat(result.err()).isEqualTo(
                "drift-cli: POST /drift/events/" + ID + "/acknowledge: " + status + " " + detail + "\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unreachableServiceExitsThree() throws IOException {
        String url = server.url("/").toString();
        server.shutdown();

        Cli.Result result = new Cli(server).with("DRIFT_URL", url).run("list");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("cannot reach").contains("connection refused");
    }

    @Test
    void answerThatIsNotJsonExitsThree() {
        server.enqueue(new MockResponse().setBody("<html>proxy</html>"));

        Cli.Result result = new Cli(server).run("list");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("unexpected answer from the service");
    }

    @Test
    void errorPageThatIsNotProblemJsonIsShownAsItIs() {
        server.enqueue(new MockResponse().setResponseCode(502).setBody("Bad Gateway"));

        Cli.Result result = new Cli(server).run("list");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("502 Bad Gateway");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = new Cli(server).run();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("Usage: drift-cli");
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result result = new Cli(server).run("--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("Exit codes:", "2   the API refused", "4   list --fail-on")
                .contains("DRIFT_TOKEN").doesNotContain("--token ");
    }

    @Test
    void tokenFileIsReadInsteadOfTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        server.enqueue(Fixtures.json(200, page(0)));

        Cli.Result result = new Cli(server).run("--token-file", file.toString(), "list");

        assertThat(result.exit()).isZero();
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer from-file");
    }

    @Test
    void unreadableTokenFileIsAUsageError(@TempDir Path dir) {
        Cli.Result result = new Cli(server).run("list", "--token-file", dir.resolve("missing").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("cannot read --token-file");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withoutTokenNoAuthorizationIsSent() throws InterruptedException {
        server.enqueue(Fixtures.json(200, page(0)));

        new Cli(server).without("DRIFT_TOKEN").run("list");

        assertThat(server.takeRequest().getHeader("Authorization")).isNull();
    }

    @Test
    void urlOptionWinsOverTheEnvironmentAndMayFollowTheCommand() throws InterruptedException {
        server.enqueue(Fixtures.json(200, page(0)));

        Cli.Result result = new Cli(server).with("DRIFT_URL", "http://localhost:1")
                .run("list", "--url", server.url("/").toString());

        assertThat(result.exit()).isZero();
        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/events?size=50");
    }

    @Test
    void urlThatIsNoHttpUrlIsAUsageError() {
        Cli.Result result = new Cli(server).run("list", "--url", "localhost:8080");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("must be http(s)://host[:port]");
    }
}
