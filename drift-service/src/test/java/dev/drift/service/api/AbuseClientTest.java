package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.api.AbuseClient.Answer;
import dev.drift.service.api.AbuseRequests.Probe;
import dev.drift.service.api.Contract.Operation;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The judge of abusive requests' answers: what {@code ApiAbuseIT} counts as a failure. */
class AbuseClientTest {
    private static final String PROBLEM = "application/problem+json";
    private static final Operation OPERATION = new Operation("POST", "/drift/policies");

    @Test
    void aServerErrorFailsEvenAsProblemJson() {
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(500, PROBLEM, problem(500))))
                .hasValue("a server error");
    }

    @Test
    void aClientErrorMustBeProblemJsonWithItsStatusAndATitle() {
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(400, PROBLEM, problem(400)))).isEmpty();
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(400, "application/json", problem(400)))).isPresent();
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(400, PROBLEM, problem(404)))).isPresent();
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(400, PROBLEM, "{\"status\": 400}"))).isPresent();
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(400, PROBLEM, "not json"))).isPresent();
    }

    @Test
    void aProbeThatMustBeRefusedFailsOnAnyOtherStatus() {
        assertThat(AbuseClient.verdict(probe(Set.of(401)), answer(401, PROBLEM, problem(401)))).isEmpty();
        assertThat(AbuseClient.verdict(probe(Set.of(401)), answer(201, "application/json", "{}")))
                .hasValue("must be refused with [401]");
        assertThat(AbuseClient.verdict(probe(Set.of(403)), answer(400, PROBLEM, problem(400)))).isPresent();
    }

    @Test
    void rateLimitingFailsBecauseTheTestRaisesTheLimit() {
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(429, PROBLEM, problem(429)))).isPresent();
    }

    @Test
    void successAndRedirectsPassWhenNothingIsDemanded() {
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(201, "application/json", "{}"))).isEmpty();
        assertThat(AbuseClient.verdict(probe(Set.of()), answer(302, "", ""))).isEmpty();
    }

    private static Probe probe(Set<Integer> expected) {
        return new Probe(OPERATION, "test", "POST", "/drift/policies", Map.of(), new byte[0], expected);
    }

    private static Answer answer(int status, String type, String body) {
        return new Answer(status, type, body, "");
    }

    private static String problem(int status) {
        return "{\"type\": \"about:blank\", \"title\": \"Some Reason\", \"status\": " + status + "}";
    }
}
