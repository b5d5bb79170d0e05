package dev.drift.service.actions.remediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.actions.RemediationExecutor;
import dev.drift.service.actions.RemediationJob;
import dev.drift.service.actions.RunResult;
import dev.drift.service.policy.Remediation;
import dev.drift.service.system.DriftException;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Remediation.AwxJobTemplate} remediations: launches the template limited to the job's host
 * with the {@link DriftExtraVars} (and {@code job_type: check} in check mode, always with diff), then
 * polls the job every {@code poll-interval} until it ends or the job's timeout passes, when it is
 * canceled. {@link #run} blocks for up to the job's timeout plus a few HTTP calls.
 *
 * <p>The template must prompt on launch for limit and variables (and job type, for check mode).
 * AWX silently ignores fields it does not prompt for; an ignored limit would run the template on its
 * whole inventory and an ignored job type would make a dry run real, so such a job is canceled at
 * once and the run fails as {@link DriftException.Terminal}.
 *
 * <p>Once a job is launched, failed status polls are retried until the timeout rather than thrown:
 * throwing would have the caller launch a second job while the first may still run.
 */
@Singleton
@Requires(property = AwxProperties.PREFIX + ".url")
final class AwxExecutor implements RemediationExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(AwxExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINISHED = Set.of("successful", "failed", "error", "canceled");

    private final AwxClient client;
    private final Duration pollInterval;

    AwxExecutor(AwxProperties properties) {
        this.client = new AwxClient(properties);
        this.pollInterval = properties.pollInterval();
    }

    @Override
    public String name() {
        return "awx";
    }

    @Override
    public boolean handles(Remediation remediation) {
        return remediation instanceof Remediation.AwxJobTemplate;
    }

    @Override
    public RunResult run(RemediationJob job) {
        if (!(job.remediation() instanceof Remediation.AwxJobTemplate template)) {
            throw new DriftException.Terminal("AWX cannot run " + job.remediation());
        }
        long deadline = System.nanoTime() + job.timeout().toNanos();
        AwxClient.Launched launched = client.launch(template.id(), launchBody(job));
        String jobId = launched.jobId();
        refuseIgnoredPrompts(launched, template, job);
        LOG.info("Launched AWX job {} of template {} for drift {} on {} (check mode: {})", jobId, template.id(),
                job.driftId(), job.host(), job.checkMode());
        Optional<String> status = awaitEnd(jobId, deadline);
        if (status.isEmpty()) {
            cancelQuietly(jobId);
        }
        RunResult result = new RunResult(status.filter("successful"::equals).isPresent(), status.orElse("timeout"),
                outputOf(jobId), Optional.of(jobId));
        LOG.info("AWX job {} for drift {} on {} ended {}", jobId, job.driftId(), job.host(), result.status());
        return result;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static ObjectNode launchBody(RemediationJob job) {
        ObjectNode body = JSON.createObjectNode();
        body.put("limit", job.host());
        ObjectNode extraVars = body.putObject("extra_vars");
        DriftExtraVars.of(job).forEach(extraVars::put);
        if (job.checkMode()) {
            body.put("job_type", "check");
        }
        body.put("diff_mode", true);
        return body;
    }

    private void refuseIgnoredPrompts(AwxClient.Launched launched, Remediation.AwxJobTemplate template,
                                      RemediationJob job) {
        Set<String> ignored = launched.ignoredFields();
        boolean unsafe = ignored.contains("limit") || (job.checkMode() && ignored.contains("job_type"));
        if (unsafe) {
            cancelQuietly(launched.jobId());
            throw new DriftException.Terminal("AWX job template " + template.id() + " ignored " + ignored
                    + ": enable 'Prompt on launch' for limit and job type; job " + launched.jobId() + " was canceled");
        }
        if (!ignored.isEmpty()) {
            LOG.warn("AWX job template {} ignored {} of the launch of job {}", template.id(), ignored,
                    launched.jobId());
        }
    }

    /** The job's final status, or empty when the deadline passed first. */
    private Optional<String> awaitEnd(String jobId, long deadline) {
        while (true) {
            Optional<String> status = finishedStatus(jobId);
            long remaining = deadline - System.nanoTime();
            if (status.isPresent() || remaining <= 0) {
                return status;
            }
            pause(Math.min(remaining, pollInterval.toNanos()));
        }
    }

    private Optional<String> finishedStatus(String jobId) {
        try {
            return Optional.of(client.status(jobId)).filter(FINISHED::contains);
        } catch (DriftException.Retryable e) {
            LOG.warn("Could not read the status of AWX job {}, polling on: {}", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    private static void pause(long nanos) {
        LockSupport.parkNanos(nanos);
        if (Thread.currentThread().isInterrupted()) {
            throw new DriftException.Retryable("interrupted while waiting for an AWX job");
        }
    }

    private void cancelQuietly(String jobId) {
        try {
            client.cancel(jobId);
        } catch (DriftException e) {
            LOG.warn("Could not cancel AWX job {}: {}", jobId, e.getMessage());
        }
    }

    private String outputOf(String jobId) {
        try {
            return OutputTail.of(client.stdout(jobId));
        } catch (DriftException e) {
            // The job's outcome is known: losing its output must not turn it into an error.
            return "(output of AWX job " + jobId + " unavailable: " + e.getMessage() + ")";
        }
    }
}
