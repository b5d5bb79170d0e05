package dev.drift.embedded.netbox;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * The failures the fake injects before it serves a request. A count of -1 means "until healed". When
 * several are armed, a timeout wins over a 429, and a 429 over another status. Latency applies to every
 * response, failures included.
 */
final class FailureModes {
    private Duration latency = Duration.ZERO;
    private int timeouts;
    private int throttles;
    private Duration retryAfter = Duration.ZERO;
    private int failStatus;
    private int failures;
    private boolean down;

    synchronized void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        latency = delay;
    }

    synchronized void failWith(int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        failStatus = status;
        failures = checkTimes(times);
    }

    synchronized void throttle(int times, Duration after) {
        throttles = checkTimes(times);
        retryAfter = after;
    }

    synchronized void timeout(int times) {
        timeouts = checkTimes(times);
    }

    /** While down, every connection is dropped before a response: the client sees NetBox unreachable. */
    synchronized void down(boolean isDown) {
        down = isDown;
    }

    synchronized boolean isDown() {
        return down;
    }

    synchronized void heal() {
        down = false;
        latency = Duration.ZERO;
        timeouts = 0;
        throttles = 0;
        failures = 0;
    }

    /** The failure to answer the next request with, consuming one of its count. */
    synchronized Optional<MockResponse> next() {
        if (down) {
            return Optional.of(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        }
        if (timeouts != 0) {
            timeouts = consume(timeouts);
            return Optional.of(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        }
        if (throttles != 0) {
            throttles = consume(throttles);
            long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
            return Optional.of(Responses.json(429, Responses.detail(
                            "Request was throttled. Expected available in " + seconds + " seconds."))
                    .setHeader("Retry-After", Long.toString(seconds)));
        }
        if (failures != 0) {
            failures = consume(failures);
            return Optional.of(Responses.json(failStatus, Responses.detail("Injected failure " + failStatus)));
        }
        return Optional.empty();
    }

    synchronized MockResponse delayed(MockResponse response) {
        if (!latency.isZero()) {
            response.setHeadersDelay(latency.toMillis(), TimeUnit.MILLISECONDS);
        }
        return response;
    }

    private static int consume(int count) {
        return count > 0 ? count - 1 : count;
    }

    private static int checkTimes(int times) {
        if (times < -1) {
            throw new IllegalArgumentException("times must be -1 (until healed), 0 or more: " + times);
        }
        return times;
    }
}
