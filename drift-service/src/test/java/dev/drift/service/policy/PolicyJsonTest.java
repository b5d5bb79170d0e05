package dev.drift.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.model.FieldPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.randomUUID();
    private static final Policy SSH = new Policy(ID, "ssh",
            new PolicyMatch(Set.of("vm"), Set.of("web"), Set.of(Category.CONFIGURATION),
                    List.of(FieldPattern.of("file[/etc/ssh/*"))),
            Severity.HIGH, Duration.ofSeconds(60), true, true,
            Optional.of(new Remediation.Playbook("playbooks/sshd.yml", true, Optional.of(Severity.HIGH))),
            List.of("slack:#ops"), PolicyMode.REPORT_ONLY);

    @Test
    void readsBackWhatItWrites() {
        assertThat(PolicyJson.read(ID, PolicyJson.write(SSH))).isEqualTo(SSH);
    }

    @Test
    void fillsAbsentMembersWithDefaults() throws Exception {
        Policy minimal = PolicyJson.read(ID, json("{\"name\": \"minimal\"}"));

        assertThat(minimal).isEqualTo(new Policy(ID, "minimal", PolicyMatch.ANY, Severity.WARNING,
                Duration.ZERO, false, false, Optional.empty(), List.of(), PolicyMode.ENFORCE));
    }

    @Test
    void mergePatchKeepsMembersItDoesNotName() throws Exception {
        Policy patched = PolicyJson.mergePatch(SSH, json("{\"mode\": \"enforce\", \"match\": {\"ci_types\": null}}"));

        assertThat(patched.mode()).isEqualTo(PolicyMode.ENFORCE);
        assertThat(patched.match().ciTypes()).isEmpty();
        assertThat(patched.match().tags()).containsExactly("web");
        assertThat(patched.remediation()).isEqualTo(SSH.remediation());
        assertThat(patched.settle()).isEqualTo(SSH.settle());
    }

    @Test
    void mergePatchMergesTheRemediationOfTheSameKind() throws Exception {
        Policy patched = PolicyJson.mergePatch(SSH,
                json("{\"remediation\": {\"kind\": \"playbook\", \"check_mode_first\": false}}"));

        assertThat(patched.remediation())
                .contains(new Remediation.Playbook("playbooks/sshd.yml", false, Optional.of(Severity.HIGH)));
    }

    @Test
    void mergePatchThatRemovesTheRemediationOfAnAutoRemediatingPolicyIsInvalid() throws Exception {
        assertThatThrownBy(() -> PolicyJson.mergePatch(SSH, json("{\"remediation\": null}")))
                .isInstanceOf(PolicyException.Invalid.class).hasMessageStartingWith("auto_remediate: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"power_state", "file[/etc/ssh/*", "package[*].version", "interface[docker*].*", "*",
            "file[/etc/hosts].setting[A B]"})
    void acceptsFieldPatternsThatCanMatchAFieldPath(String glob) {
        assertThat(FieldPatternSyntax.parse(glob).glob()).isEqualTo(glob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Power_state", "file[/etc/hosts", "file[[x]]", "file]x", "power state", " power_state", ""})
    void refusesFieldPatternsThatCannotMatchAFieldPath(String glob) {
        assertThatThrownBy(() -> FieldPatternSyntax.parse(glob)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
