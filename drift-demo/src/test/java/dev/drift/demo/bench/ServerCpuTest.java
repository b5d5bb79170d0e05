package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ServerCpuTest {

    @Test
    void findsTheProcessListeningOnThePortsAndReportsTheCoresEachUsed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            ServerCpu cpu = ServerCpu.of("jdbc:postgresql://localhost:" + port + "/drift", "redis://127.0.0.1:" + port);

            ServerCpu.Reading from = cpu.read();
            long spin = System.nanoTime() + 200_000_000L;
            long sum = 0;
            while (System.nanoTime() < spin) {
                sum += System.nanoTime() % 7;
            }
            ServerCpu.Reading to = cpu.read();

            assertThat(sum).isPositive();
            assertThat(to.postgres()).as("this JVM holds the socket").isPresent();
            assertThat(to.redis()).isPresent();
            assertThat(to.jvm()).isGreaterThan(from.jvm());
            assertThat(ServerCpu.cores(from, to)).matches("JVM \\d+\\.\\d\\d, PostgreSQL \\d+\\.\\d\\d, Redis \\d+\\.\\d\\d cores");
        }
    }

    @Test
    void saysNothingOfServersOnOtherMachines() {
        ServerCpu cpu = ServerCpu.of("jdbc:postgresql://db.example.org:5432/drift", "redis://cache.example.org:6379");

        ServerCpu.Reading reading = cpu.read();

        assertThat(reading.postgres()).isEmpty();
        assertThat(reading.redis()).isEmpty();
        assertThat(ServerCpu.cores(reading, cpu.read())).startsWith("JVM ").doesNotContain("PostgreSQL");
    }
}
