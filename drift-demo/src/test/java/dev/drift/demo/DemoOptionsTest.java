package dev.drift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsToTheDemoFilesAndPort8080() {
        DemoOptions options = DemoOptions.parse(new String[0], false);

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.redis()).isEmpty();
        assertThat(options.netbox()).isEmpty();
        assertThat(options.hold()).isFalse();
    }

    @Test
    void netboxAndTokenSelectARealNetBoxAndTheTokenIsNeverPrinted() {
        DemoOptions options = DemoOptions.parse(new String[] {"--netbox", "https://netbox.example.net",
                "--token", "0123456789abcdef", "--redis", "redis://10.0.0.5:6379"}, true);

        assertThat(options.netbox()).hasValueSatisfying(n -> {
            assertThat(n.url()).isEqualTo(URI.create("https://netbox.example.net/"));
            assertThat(n.token()).isEqualTo("0123456789abcdef");
        });
        assertThat(options.redis()).contains("redis://10.0.0.5:6379");
        assertThat(options.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void netboxWithoutATokenOrABadUrlIsRefused() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--netbox", "https://netbox.example.net"}, false))
                .hasMessageContaining("--netbox and --token go together");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--netbox", "netbox:8000", "--token", "t"}, false))
                .hasMessageContaining("--netbox needs an http(s) URL");
    }
}
