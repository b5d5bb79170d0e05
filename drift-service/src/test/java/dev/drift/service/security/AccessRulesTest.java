package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessRulesTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /drift/events, VIEWER",
            "HEAD, /drift/events/42, VIEWER",
            "GET, /drift/policies, VIEWER",
            "GET, /drift/exceptions, VIEWER",
            "GET, /drift/changes, VIEWER",
            "GET, /drift/cis/web-01/compliance, VIEWER",
            "GET, /drift/packs, VIEWER",
            "GET, /drift/packs/ssh-hardening, VIEWER",
            "POST, /drift/events/42/acknowledge, OPERATOR",
            "POST, /drift/events/42/remediate, OPERATOR",
            "POST, /drift/reconcile, OPERATOR",
            "POST, /drift/exceptions, OPERATOR",
            "DELETE, /drift/exceptions/42, OPERATOR",
            "POST, /drift/changes, OPERATOR",
            "DELETE, /drift/changes/CHG1, OPERATOR",
            "POST, /drift/policies, ADMIN",
            "PATCH, /drift/policies/42, ADMIN",
            "DELETE, /drift/policies/42, ADMIN",
            "GET, /drift/tokens, ADMIN",
            "POST, /drift/tokens, ADMIN",
            "DELETE, /drift/tokens/42, ADMIN",
            "POST, /drift/packs/reload, ADMIN",
            "POST, /drift/packs/reload/, ADMIN",
            "POST, /drift/cis/web-01/compliance, ADMIN",
            "DELETE, /drift/events/42, ADMIN",
            "PUT, /drift/events/42/acknowledge, ADMIN",
            "POST, /drift/events/42/acknowledge/more, ADMIN",
            "POST, /drift/something-new, ADMIN",
            "OPTIONS, /drift/events, ADMIN"
    })
    void eachRequestNeedsItsLeastRole(HttpMethod method, String path, Role role) {
        assertThat(AccessRules.required(method, path)).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drift/tokens/", "//drift//tokens", "/drift/TOKENS", "/drift/%74okens",
            "/drift/events/../tokens", "/drift/events/./x", "/drift/events/%2e%2e/tokens"})
    void anotherSpellingOfAPathNeverNeedsLessThanItsRole(String path) {
        assertThat(AccessRules.required(HttpMethod.GET, path)).isEqualTo(Role.ADMIN);
        assertThat(AccessRules.guards(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drift", "/drift/events", "/drift/webhooks/netbox/x", "/drift/webhooks",
            "//drift/policies", "/DRIFT/policies", "/./drift/policies", "/health/../drift/tokens"})
    void guardsEverythingUnderDrift(String path) {
        assertThat(AccessRules.guards(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drift/webhooks/netbox", "/drift/webhooks/netbox/", "/health", "/", "/driftwood"})
    void leavesTheSignedWebhookAndWhatIsOutsideDriftAlone(String path) {
        assertThat(AccessRules.guards(path)).isFalse();
    }
}
