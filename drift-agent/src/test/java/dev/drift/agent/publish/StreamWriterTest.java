package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer against a server that accepts connections and never answers (a hung Redis). */
class StreamWriterTest {
    private static final StreamEntry ENTRY = new StreamEntry("drift.file_changed", "host-01", 1, "{\"seq\":1}");

    @Test
    void anXaddToAServerThatNeverAnswersFailsWithinAboutTheCommandTimeout() throws IOException {
        try (SilentServer server = new SilentServer();
             StreamWriter writer = new StreamWriter(RedisURI.create("redis://127.0.0.1:" + server.port()),
                     Duration.ofMillis(300), 1000)) {
            long start = System.nanoTime();

            Delivery delivery = writer.add(ENTRY);

            assertThat(delivery).isInstanceOf(Delivery.Failed.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(server.accepted()).isPositive();
        }
    }

    @Test
    void closingTheWriterStopsItsRedisThread() throws IOException {
        try (SilentServer server = new SilentServer()) {
            StreamWriter writer = new StreamWriter(RedisURI.create("redis://127.0.0.1:" + server.port()),
                    Duration.ofMillis(200), 1000);
            writer.add(ENTRY);
            assertThat(redisThreads()).isNotEmpty();

            writer.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> redisThreads().isEmpty());
        }
    }

    private static List<Thread> redisThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(AgentClientResources.THREAD) && t.isAlive()).toList();
    }

    /** Accepts connections on a loopback port, reads nothing and answers nothing. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new ArrayList<>();
        private final Thread acceptor = Thread.ofPlatform().daemon().start(this::accept);

        SilentServer() throws IOException {
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = socket.accept();
                    synchronized (clients) {
                        clients.add(client);
                    }
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            synchronized (clients) {
                return clients.size();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (clients) {
                for (Socket client : clients) {
                    client.close();
                }
            }
        }
    }
}
