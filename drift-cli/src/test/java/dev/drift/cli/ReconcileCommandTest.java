package dev.drift.cli;

import static dev.drift.cli.Fixtures.job;
import static dev.drift.cli.Fixtures.json;
import static dev.drift.cli.Fixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcileCommandTest {
    private static final String JOB = "11111111-2222-3333-4444-555555555555";

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
    void startsASweepAndPrintsTheJob() throws InterruptedException {
        server.enqueue(json(202, job("running")));

        Cli.Result result = new Cli(server).run("reconcile");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/drift/reconcile");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Reconcile job " + JOB + " started at 2025-06-01T12:00:00Z.\n");
    }

    @Test
    void waitPollsTheJobUntilItSucceeded() throws InterruptedException {
        server.enqueue(json(202, job("running")));
        server.enqueue(json(200, job("running")));
        server.enqueue(json(200, job("succeeded")));

        Cli.Result result = new Cli(server).run("reconcile", "--wait", "--poll-interval", "1ms");

        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        for (int poll = 0; poll < 2; poll++) {
            RecordedRequest request = server.takeRequest();
            assertThat(request.getMethod()).isEqualTo("GET");
            assertThat(request.getPath()).isEqualTo("/drift/reconcile/" + JOB);
        }
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("Reconcile job " + JOB + " succeeded at 2025-06-01T12:00:09Z: "
                + "40/40 CIs, 5 ledger changes, 0 deferred.");
    }

    @Test
    void waitExitsThreeWhenTheSweepFailed() {
        server.enqueue(json(202, job("running")));
        server.enqueue(json(200, job("failed")));

        Cli.Result result = new Cli(server).run("reconcile", "--wait", "--poll-interval", "1ms");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).contains("failed at 2025-06-01T12:00:09Z: desired state unavailable");
    }

    @Test
    void waitExitsThreeWhenTheSweepWasInterrupted() {
        server.enqueue(json(202, job("running")));
        server.enqueue(json(200, job("interrupted")));

        Cli.Result result = new Cli(server).run("reconcile", "--wait", "--poll-interval", "1ms");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).contains("Reconcile job " + JOB + " was interrupted at 2025-06-01T12:00:09Z: "
                + "instance drift-1 stopped before the sweep finished (12/40 CIs, 5 ledger changes, 0 deferred).");
    }

    @Test
    void aScheduledJobNamesItsSlot() {
        server.enqueue(json(200, job("succeeded", "2025-06-01T06:00:00Z")));

        Cli.Result result = new Cli(server).run("reconcile", "--job", JOB);

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .startsWith("Reconcile job " + JOB + " (scheduled for 2025-06-01T06:00:00Z) succeeded at");
    }

    @Test
    void jobShowsAnExistingJobWithoutStartingOne() throws InterruptedException {
        server.enqueue(json(200, job("running")));

        Cli.Result result = new Cli(server).run("reconcile", "--job", JOB);

        assertThat(server.takeRequest().getPath()).isEqualTo("/drift/reconcile/" + JOB);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Reconcile job " + JOB + " is running: 12/40 CIs, 5 ledger changes, 0 deferred.\n");
    }

    @Test
    void aSweepAlreadyRunningIsRefused() {
        server.enqueue(problem(409, "reconcile job " + JOB + " is running on this instance"));

        Cli.Result result = new Cli(server).run("reconcile", "--wait");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("409 reconcile job " + JOB + " is running on this instance");
    }
}
