package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.model.FieldPath;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.policy.PolicySubject;
import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /drift/policies}: CRUD, merge patch, the default policy, validation as problem JSON. */
@MicronautTest(transactional = false)
class PoliciesApiIT extends ServiceIT {
    private static final String POLICIES = "/drift/policies";
    private static final String DEFAULT_URI = POLICIES + "/" + Policy.DEFAULT_ID;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SSH_HARDENING = """
            {"name": "ssh-hardening",
             "match": {"ci_types": ["vm"], "tags": ["web"], "categories": ["configuration"],
                       "fields": ["file[/etc/ssh/*"]},
             "severity": "high", "settle_seconds": 60, "auto_change_request": true, "auto_remediate": false,
             "remediation": {"kind": "playbook", "path": "playbooks/sshd.yml", "check_mode_first": true,
                             "approval_above": "high"},
             "notify": ["slack:#ops"], "mode": "enforce"}""";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    PolicyStore store;

    @Inject
    PolicyResolver resolver;

    @Test
    void servesTheDefaultPolicy() throws JsonProcessingException {
        JsonNode list = JSON.readTree(http.toBlocking().retrieve(POLICIES));

        JsonNode defaults = find(list, "default");
        assertThat(defaults.path("id").asText()).isEqualTo(Policy.DEFAULT_ID.toString());
        assertThat(defaults.path("match")).isEqualTo(JSON.readTree(
                "{\"ci_types\":[],\"tags\":[],\"categories\":[],\"fields\":[]}"));
        assertThat(defaults.path("severity").asText()).isEqualTo("warning");
        assertThat(defaults.path("settle_seconds").asInt()).isZero();
        assertThat(defaults.path("notify")).isEqualTo(JSON.readTree("[\"default\"]"));
        assertThat(defaults.path("mode").asText()).isEqualTo("enforce");
        assertThat(defaults.path("auto_change_request").asBoolean()).isFalse();
        assertThat(defaults.path("auto_remediate").asBoolean()).isFalse();
        assertThat(defaults.path("remediation").isNull()).isTrue();
    }

    @Test
    void createsReadsListsAndDeletesAPolicy() throws JsonProcessingException {
        HttpResponse<String> created = http.toBlocking().exchange(post(SSH_HARDENING), String.class);

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String location = created.getHeaders().get("Location");
        assertThat(location).isEqualTo(POLICIES + "/" + body.path("id").asText());
        ObjectNode expected = (ObjectNode) JSON.readTree(SSH_HARDENING);
        expected.put("id", body.path("id").asText());
        assertThat(body).isEqualTo(expected);
        assertThat(JSON.readTree(http.toBlocking().retrieve(location))).isEqualTo(expected);
        assertThat(find(JSON.readTree(http.toBlocking().retrieve(POLICIES)), "ssh-hardening")).isEqualTo(expected);

        HttpResponse<String> deleted = http.toBlocking().exchange(HttpRequest.DELETE(location), String.class);

        assertThat(deleted.getStatus().getCode()).isEqualTo(204);
        problem(HttpRequest.GET(location), HttpStatus.NOT_FOUND, "no policy");
    }

    @Test
    void patchChangesOnlyTheGivenMembers() throws JsonProcessingException {
        String location = create(SSH_HARDENING.replace("ssh-hardening", "patched"));
        ObjectNode before = (ObjectNode) JSON.readTree(http.toBlocking().retrieve(location));

        JsonNode after = JSON.readTree(http.toBlocking().retrieve(HttpRequest.PATCH(location,
                        "{\"severity\": \"critical\", \"match\": {\"tags\": null}, \"remediation\": {\"approval_above\": null}}")
                .contentType("application/merge-patch+json")));

        ObjectNode expected = before.deepCopy();
        expected.put("severity", "critical");
        ((ObjectNode) expected.path("match")).putArray("tags");
        ((ObjectNode) expected.path("remediation")).putNull("approval_above");
        assertThat(after).isEqualTo(expected);
        assertThat(JSON.readTree(http.toBlocking().retrieve(location))).isEqualTo(expected);
    }

    @Test
    void patchReplacesARemediationOfAnotherKindAndNullRemovesIt() throws JsonProcessingException {
        String location = create(SSH_HARDENING.replace("ssh-hardening", "remediated"));

        JsonNode awx = patch(location, "{\"remediation\": {\"kind\": \"awx_job_template\", \"job_template_id\": 42}}");
        assertThat(awx.path("remediation")).isEqualTo(JSON.readTree(
                "{\"kind\":\"awx_job_template\",\"job_template_id\":42,\"check_mode_first\":true,\"approval_above\":null}"));

        JsonNode none = patch(location, "{\"remediation\": null}");
        assertThat(none.path("remediation").isNull()).isTrue();
        assertThat(none.path("severity").asText()).isEqualTo("high");
    }

    @Test
    void anInvalidPatchChangesNothing() throws JsonProcessingException {
        String location = create(SSH_HARDENING.replace("ssh-hardening", "unchanged"));
        JsonNode before = JSON.readTree(http.toBlocking().retrieve(location));

        problem(patchRequest(location, "{\"severity\": \"high\", \"settle_seconds\": -1}"), HttpStatus.BAD_REQUEST,
                "settle_seconds");

        assertThat(JSON.readTree(http.toBlocking().retrieve(location))).isEqualTo(before);
    }

    @Test
    void theDefaultPolicyCannotBeDeletedButCanBePatched() throws JsonProcessingException {
        problem(HttpRequest.DELETE(DEFAULT_URI), HttpStatus.CONFLICT, "default policy cannot be deleted");

        JsonNode patched = patch(DEFAULT_URI, "{\"settle_seconds\": 45, \"notify\": [\"default\", \"email:ops\"]}");
        assertThat(patched.path("settle_seconds").asInt()).isEqualTo(45);
        assertThat(patched.path("notify")).isEqualTo(JSON.readTree("[\"default\",\"email:ops\"]"));

        JsonNode restored = patch(DEFAULT_URI, "{\"settle_seconds\": 0, \"notify\": [\"default\"]}");
        assertThat(restored.path("settle_seconds").asInt()).isZero();
    }

    @Test
    void theDefaultPolicyKeepsItsNameAndMatchesEverything() {
        problem(patchRequest(DEFAULT_URI, "{\"match\": {\"ci_types\": [\"vm\"]}}"), HttpStatus.BAD_REQUEST, "match");
        problem(patchRequest(DEFAULT_URI, "{\"name\": \"fallback\"}"), HttpStatus.BAD_REQUEST, "name");
    }

    @Test
    void refusesADuplicateNameWithConflict() {
        create(SSH_HARDENING.replace("ssh-hardening", "twice"));

        problem(post("{\"name\": \"twice\"}"), HttpStatus.CONFLICT, "name");
        String other = create("{\"name\": \"once\"}");
        problem(patchRequest(other, "{\"name\": \"twice\"}"), HttpStatus.CONFLICT, "name");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"name\": \"x\", \"colour\": \"red\"}", "colour: unknown member"),
                Arguments.of("{\"name\": \"x\", \"match\": {\"hosts\": [\"a\"]}}", "match.hosts: unknown member"),
                Arguments.of("{\"name\": \"x\", \"severity\": \"urgent\"}", "severity: "),
                Arguments.of("{\"name\": \"x\", \"mode\": \"dry\"}", "mode: must be one of enforce, report_only"),
                Arguments.of("{\"name\": \"x\", \"match\": {\"categories\": [\"power\"]}}", "match.categories[0]: "),
                Arguments.of("{\"name\": \"x\", \"settle_seconds\": -1}", "settle_seconds: "),
                Arguments.of("{\"name\": \"x\", \"settle_seconds\": \"soon\"}", "settle_seconds: "),
                Arguments.of("{\"name\": \"  \"}", "name: "),
                Arguments.of("{\"severity\": \"high\"}", "name: is required"),
                Arguments.of("{\"name\": \"x\", \"match\": {\"fields\": [\"power_state\", \"File[x]\"]}}",
                        "match.fields[1]: malformed field pattern"),
                Arguments.of("{\"name\": \"x\", \"match\": {\"fields\": [\"file[/etc/hosts\"]}}", "match.fields[0]: "),
                Arguments.of("{\"name\": \"x\", \"remediation\": {\"kind\": \"salt\"}}", "remediation.kind: "),
                Arguments.of("{\"name\": \"x\", \"remediation\": {\"kind\": \"playbook\"}}", "remediation.path: "),
                Arguments.of("{\"name\": \"x\", \"remediation\": {\"kind\": \"playbook\", \"path\": \"p.yml\", \"id\": 3}}",
                        "remediation.id: unknown member"),
                Arguments.of("{\"name\": \"x\", \"auto_remediate\": true}", "auto_remediate: "),
                Arguments.of("{\"name\": \"x\", \"notify\": \"slack\"}", "notify: "),
                Arguments.of("[{\"name\": \"x\"}]", "body: "),
                Arguments.of("{\"name\": \"nul\\u0000\"}", "name: must not contain control characters"),
                Arguments.of("{\"name\": \"x\", \"notify\": [\"ok\", \"\\ud800\"]}", "notify[1]: "),
                Arguments.of("{\"name\": \"x\", \"notify\": [7]}", "notify[0]: must be a string"),
                Arguments.of("{\"name\": \"x\", \"settle_seconds\": 1e40}", "settle_seconds: "),
                Arguments.of("{\"name\": \"x\", \"match\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "body: "),
                Arguments.of("", "body"),
                Arguments.of("{\"name\": ", "body: not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void refusesAnInvalidPolicyWithAProblemNamingTheMember(String body, String detail) {
        problem(post(body), HttpStatus.BAD_REQUEST, detail);
    }

    @Test
    void refusesAPatchThatIsNotAnObject() {
        problem(patchRequest(DEFAULT_URI, "[]"), HttpStatus.BAD_REQUEST, "body: must be a JSON object");
    }

    @Test
    void refusesABodyOver64KiB() {
        String big = "{\"name\": \"big\", \"notify\": [\"" + "x".repeat(64 * 1024) + "\"]}";

        problem(post(big), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body: larger than 65536 bytes");
    }

    @Test
    void answersNotFoundForAnUnknownId() {
        String unknown = POLICIES + "/" + UUID.randomUUID();

        problem(HttpRequest.GET(unknown), HttpStatus.NOT_FOUND, "no policy");
        problem(patchRequest(unknown, "{\"severity\": \"high\"}"), HttpStatus.NOT_FOUND, "no policy");
        problem(HttpRequest.DELETE(unknown), HttpStatus.NOT_FOUND, "no policy");
    }

    /** Other tests add catch-all policies, so the baseline is whatever applied before this test's writes. */
    @Test
    void theResolverSnapshotReflectsEveryWrite() {
        PolicySubject subject = new PolicySubject("lab", Set.of("snapshot"),
                FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]"));
        Policy before = resolver.resolve(subject, store.current());

        String location = create("""
                {"name": "snapshot", "match": {"ci_types": ["lab"], "tags": ["snapshot"]}, "severity": "info"}""");
        assertThat(resolver.resolve(subject, store.current()).name()).isEqualTo("snapshot");

        patch(location, "{\"severity\": \"critical\"}");
        assertThat(resolver.resolve(subject, store.current()).severity().wireName()).isEqualTo("critical");

        http.toBlocking().exchange(HttpRequest.DELETE(location));
        assertThat(resolver.resolve(subject, store.current())).isEqualTo(before);
    }

    private String create(String body) {
        return http.toBlocking().exchange(post(body), String.class).getHeaders().get("Location");
    }

    private JsonNode patch(String uri, String body) {
        try {
            return JSON.readTree(http.toBlocking().retrieve(patchRequest(uri, body)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static MutableHttpRequest<String> post(String body) {
        return HttpRequest.POST(POLICIES, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static MutableHttpRequest<String> patchRequest(String uri, String body) {
        return HttpRequest.PATCH(uri, body).contentType("application/merge-patch+json");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode policy : list) {
            if (policy.path("name").asText().equals(name)) {
                return policy;
            }
        }
        throw new AssertionError("no policy " + name + " in " + list);
    }

    /** Sends a request expected to fail; checks status, content type and that the detail contains the text. */
    private void problem(HttpRequest<?> request, HttpStatus status, String detail) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));

        assertThat(e).as("error response for " + request.getPath()).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
        assertThat(e.getResponse().getContentType()).map(MediaType::toString).hasValue("application/problem+json");
        JsonNode problem;
        try {
            problem = JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
        } catch (JsonProcessingException ex) {
            throw new AssertionError(ex);
        }
        assertThat(problem.path("status").asInt()).isEqualTo(status.getCode());
        assertThat(problem.path("detail").asText()).contains(detail);
    }
}
