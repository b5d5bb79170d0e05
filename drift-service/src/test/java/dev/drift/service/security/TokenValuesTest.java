package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenValuesTest {

    @Test
    void generatedTokensAreDriftPrefixedBase64urlOf32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = TokenValues.generate();
            assertThat(token).matches("drift_[A-Za-z0-9_-]{43}");
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void hashIsTheLowerCaseHexSha256OfTheToken() {
        assertThat(TokenValues.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = TokenValues.generate();
        assertThat(TokenValues.hash(token)).matches("[0-9a-f]{64}").doesNotContain(token)
                .isEqualTo(TokenValues.hash(token));
    }

    @Test
    void secretsCompareEqualOnlyWhenIdentical() {
        String secret = "a-bootstrap-token-of-sufficient-length";
        assertThat(TokenValues.sameSecret(secret, secret)).isTrue();
        assertThat(TokenValues.sameSecret(secret + "x", secret)).isFalse();
        assertThat(TokenValues.sameSecret(secret.substring(1), secret)).isFalse();
        assertThat(TokenValues.sameSecret("", secret)).isFalse();
    }
}
