package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserListParsersTest {

    @Test
    void passwdGivesUidGidHomeAndShellWithoutThePasswordField() {
        Settings settings = new PasswdParser().parse("""
                root:x:0:0:root:/root:/bin/bash
                alice:$6$legacyhash:1000:1000:Alice,,,:/home/alice:/bin/zsh
                broken line
                """);

        assertThat(settings.toJson()).hasToString("""
                {"root":"0:0:/root:/bin/bash","alice":"1000:1000:/home/alice:/bin/zsh"}""");
    }

    @Test
    void groupGivesGidAndMembers() {
        Settings settings = new GroupParser().parse("""
                root:x:0:
                sudo:x:27:alice,bob
                """);

        assertThat(settings.toJson()).hasToString("""
                {"root":"0:","sudo":"27:alice,bob"}""");
    }

    @Test
    void shadowSaysWhetherAPasswordIsSetAndNeverShowsTheHash() {
        String hash = "$6$salt$Yr0kX1bJ9Yq2hash";
        Settings settings = new ShadowParser().parse("""
                root:*:19000:0:99999:7:::
                alice:%s:19000:0:99999:7:::
                bob:!%s:19000:0:99999:7:::
                guest::19000:0:99999:7:::
                """.formatted(hash, hash));

        assertThat(settings.toJson()).hasToString("""
                {"root":"locked","alice":"password set","bob":"locked","guest":"no password"}""");
        assertThat(settings.toString()).doesNotContain("$6$");
        assertThat(new ShadowParser().safeWhenSensitive()).isTrue();
    }
}
