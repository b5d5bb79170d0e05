package dev.drift.service.actions.itsm;

import static dev.drift.service.actions.itsm.ItsmFixtures.PASSWORD;
import static dev.drift.service.actions.itsm.ItsmFixtures.SECRET;
import static dev.drift.service.actions.itsm.ItsmFixtures.TOKEN;
import static dev.drift.service.actions.itsm.ItsmFixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.drift.service.actions.itsm.ItsmProperties.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ItsmPropertiesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String URL = "https://acme.service-now.com";

    private static ItsmProperties properties(Kind kind, String url, String username, String password, String token,
                                             String secret) {
        return new ItsmProperties(kind, url, username, password, token, secret, TIMEOUT, null, "change_request",
                "incident");
    }

    @Test
    void noneNeedsNothingElse() {
        ItsmProperties none = properties(Kind.NONE, null, null, null, null, null);

        assertThat(none.kind()).isEqualTo(Kind.NONE);
        assertThat(none.url()).isNull();
    }

    @Test
    void serviceNowTakesBasicAuthOrATokenAndDropsTrailingSlashes() {
        ItsmProperties basic = properties(Kind.SERVICENOW, URL + "//", USER, PASSWORD, null, null);
        ItsmProperties bearer = properties(Kind.SERVICENOW, URL, null, null, TOKEN, null);

        assertThat(basic.url()).isEqualTo(URL);
        assertThat(basic.usesToken()).isFalse();
        assertThat(bearer.usesToken()).isTrue();
    }

    @Test
    void serviceNowWithoutUrlOrCredentialsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.SERVICENOW, null, USER, PASSWORD, null,
                null)).withMessageContaining("drift.itsm").withMessageContaining("url")
                .withMessageContaining("servicenow");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.SERVICENOW, URL, null, null, " ", null))
                .withMessageContaining("username and password, or token, are required");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.SERVICENOW, URL, USER, null, null, null))
                .withMessageContaining("username and password go together");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.SERVICENOW, URL, USER, PASSWORD, TOKEN,
                null)).withMessageContaining("not both");
    }

    @Test
    void webhookWithoutUrlOrSecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.WEBHOOK, null, null, null, null, SECRET))
                .withMessageContaining("url").withMessageContaining("webhook");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.WEBHOOK, "https://itsm.example/hook",
                null, null, null, "")).withMessageContaining("webhook-secret is required");
    }

    @Test
    void urlMustBeHttpWithoutCredentials() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.WEBHOOK, "ftp://itsm.example/hook",
                null, null, null, SECRET)).withMessageContaining("url must be an http(s) URL");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.WEBHOOK, "not a url", null, null, null,
                SECRET)).withMessageContaining("url must be an http(s) URL");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Kind.SERVICENOW,
                "https://admin:" + PASSWORD + "@acme.service-now.com", null, null, TOKEN, null))
                .withMessageContaining("must not carry credentials").withMessageNotContaining(PASSWORD);
    }

    @Test
    void timeoutAndTableNamesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ItsmProperties(Kind.NONE, null, null, null, null,
                null, Duration.ZERO, null, "change_request", "incident")).withMessageContaining("timeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new ItsmProperties(Kind.NONE, null, null, null, null,
                null, TIMEOUT, null, "change_request?x=1", "incident")).withMessageContaining("change-table");
    }

    @Test
    void toStringNeverRevealsSecrets() {
        String basic = properties(Kind.SERVICENOW, URL, USER, PASSWORD, null, null).toString();
        String bearer = properties(Kind.SERVICENOW, URL, null, null, TOKEN, null).toString();
        String webhook = properties(Kind.WEBHOOK, URL, null, null, null, SECRET).toString();

        assertThat(basic).contains(USER).doesNotContain(PASSWORD);
        assertThat(bearer).doesNotContain(TOKEN);
        assertThat(webhook).doesNotContain(SECRET);
    }
}
