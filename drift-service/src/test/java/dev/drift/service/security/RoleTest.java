package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void rolesAreOrderedViewerOperatorAdmin() {
        assertThat(Role.ADMIN.covers(Role.OPERATOR)).isTrue();
        assertThat(Role.ADMIN.covers(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.covers(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.covers(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.covers(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.covers(Role.ADMIN)).isFalse();
    }

    @Test
    void wireNamesAreLowerCaseAndNothingElseParses() {
        assertThat(Role.fromWire("operator")).isEqualTo(Role.OPERATOR);
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
        assertThatIllegalArgumentException().isThrownBy(() -> Role.fromWire("ADMIN"))
                .withMessageContaining("viewer, operator, admin");
        assertThatIllegalArgumentException().isThrownBy(() -> Role.fromWire("root"));
    }
}
