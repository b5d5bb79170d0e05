package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostsParserTest {

    @Test
    void keysByAddressWithItsNamesInOrder() {
        Settings settings = new HostsParser().parse("""
                127.0.0.1   localhost
                127.0.1.1   web01.example.org web01   # this host
                ::1         localhost ip6-localhost ip6-loopback
                # 10.0.0.1 gone
                10.0.0.2 db
                10.0.0.2 db-alias
                """);

        assertThat(settings.toJson()).hasToString("""
                {"127.0.0.1":"localhost","127.0.1.1":["web01.example.org","web01"],\
                "::1":["localhost","ip6-localhost","ip6-loopback"],"10.0.0.2":["db","db-alias"]}""");
    }
}
