package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysctlParserTest {

    @Test
    void readsKeyValueLinesWithSlashesAsDotsAndIgnoresComments() {
        Settings settings = new SysctlParser().parse("""
                # IP forwarding
                ; also a comment
                net.ipv4.ip_forward = 1
                net/ipv6/conf/all/disable_ipv6=1
                -kernel.unknown_thing = 0
                kernel.printk = 3 4 1 3
                not a setting
                """);

        assertThat(settings.toJson()).hasToString("""
                {"net.ipv4.ip_forward":"1","net.ipv6.conf.all.disable_ipv6":"1","kernel.unknown_thing":"0",\
                "kernel.printk":"3 4 1 3"}""");
    }
}
