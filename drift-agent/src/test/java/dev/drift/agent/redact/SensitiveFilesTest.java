package dev.drift.agent.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.PathPatterns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SensitiveFilesTest {
    private final SensitiveFiles files = new SensitiveFiles(PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE));
    private static final byte[] PLAIN = "PermitRootLogin no\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void secretByNameWhateverTheContent() {
        assertThat(files.isSensitive(Path.of("/etc/shadow"), PLAIN)).isTrue();
        assertThat(files.isSensitive(Path.of("/etc/gshadow"), PLAIN)).isTrue();
        assertThat(files.isSensitive(Path.of("/etc/ssh/ssh_host_rsa_key"), PLAIN)).isTrue();
        assertThat(files.isSensitive(Path.of("/home/alice/.ssh/id_ed25519"), PLAIN)).isTrue();
        assertThat(files.isSensitive(Path.of("/etc/ssl/private/web.key"), PLAIN)).isTrue();
    }

    @Test
    void secretByContentWhenItHoldsAPrivateKey() {
        byte[] pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(files.isSensitive(Path.of("/etc/ssl/web.pem"), pem)).isTrue();
        assertThat(files.isSensitive(Path.of("/etc/ssl/web.pem"), "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    @Test
    void publicFilesAreNotSecret() {
        assertThat(files.isSensitive(Path.of("/etc/ssh/sshd_config"), PLAIN)).isFalse();
        assertThat(files.isSensitive(Path.of("/etc/ssh/ssh_host_rsa_key.pub"), PLAIN)).isFalse();
        assertThat(files.isSensitive(Path.of("/etc/passwd"), PLAIN)).isFalse();
    }
}
