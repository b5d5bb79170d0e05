package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolvConfParserTest {

    @Test
    void listsNameserversSearchDomainsAndOptionsEvenWhenSingle() {
        Settings settings = new ResolvConfParser().parse("""
                # Generated
                nameserver 10.0.0.53
                search example.org corp.example.org
                domain example.org
                options edns0 trust-ad
                ; nameserver 8.8.8.8
                """);

        assertThat(settings.toJson()).hasToString("""
                {"nameserver":["10.0.0.53"],"search":["example.org","corp.example.org"],"domain":"example.org",\
                "options":["edns0","trust-ad"]}""");
    }
}
