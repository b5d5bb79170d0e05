package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshdConfigParserTest {
    private final SshdConfigParser parser = new SshdConfigParser();

    @Test
    void readsKeywordsWithTheirFirstSpellingAndRepeatedOnesAsLists() {
        Settings settings = parser.parse("""
                # comment
                Include /etc/ssh/sshd_config.d/*.conf
                Port 22
                port 2222
                PermitRootLogin no
                PasswordAuthentication=no

                AcceptEnv LANG LC_*
                """);

        assertThat(settings.toJson()).hasToString("""
                {"Include":"/etc/ssh/sshd_config.d/*.conf","Port":["22","2222"],"PermitRootLogin":"no",\
                "PasswordAuthentication":"no","AcceptEnv":"LANG LC_*"}""");
    }

    @Test
    void prefixesSettingsInMatchBlocksWithTheirCriteria() {
        Settings settings = parser.parse("""
                PasswordAuthentication no
                Match User backup  Address 10.0.0.0/8
                    PasswordAuthentication yes
                match Group admins
                    X11Forwarding yes
                """);

        assertThat(settings.get("PasswordAuthentication")).containsExactly("no");
        assertThat(settings.get("Match User backup Address 10.0.0.0/8/PasswordAuthentication")).containsExactly("yes");
        assertThat(settings.get("Match Group admins/X11Forwarding")).containsExactly("yes");
    }
}
