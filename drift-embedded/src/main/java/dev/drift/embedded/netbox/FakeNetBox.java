package dev.drift.embedded.netbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import okhttp3.mockwebserver.MockWebServer;

/**
 * An in-process NetBox 4.2 that answers the read endpoints drift uses from objects held in memory:
 * virtual machines and devices (list and detail, with config context), VM and device interfaces, IP
 * addresses and config contexts, all under {@code /api/} with NetBox's pagination, filters, error bodies
 * and token check. It is a real HTTP server on a loopback port, so the generated client, its timeouts
 * and its connection handling are exercised as in production.
 *
 * <p>Objects are added, updated and deleted through {@link #virtualMachines()} and its siblings while the
 * server runs. Failures can be injected for resilience tests: latency, error statuses, 429 with
 * Retry-After, requests that get no answer, and the whole server going down and coming back on the
 * same port. Every received request is recorded. All methods are thread-safe.
 *
 * <pre>{@code
 * try (FakeNetBox netbox = new FakeNetBox("secret-token").start()) {
 *     int vm = netbox.virtualMachines().add(VmSpec.named("web-1").withResources(2.0, 4096, 20480));
 *     netbox.vmInterfaces().add(InterfaceSpec.of(vm, "eth0").withMtu(1500));
 *     // point the client at netbox.url()
 * }
 * }</pre>
 */
public final class FakeNetBox implements AutoCloseable {
    private final NetBoxStore store;
    private final FailureModes failures = new FailureModes();
    private final RequestLog log = new RequestLog();
    private final NetBoxDispatcher dispatcher;
    private MockWebServer server;
    private int port;
    private boolean running;

    /** A fake that accepts requests without a token. */
    public FakeNetBox() {
        this(null, Clock.systemUTC());
    }

    /** A fake that requires {@code Authorization: Token <token>}; null disables the check. */
    public FakeNetBox(String token) {
        this(token, Clock.systemUTC());
    }

    /** Like {@link #FakeNetBox(String)}, taking {@code created} and {@code last_updated} from the clock. */
    public FakeNetBox(String token, Clock clock) {
        this.store = new NetBoxStore(clock);
        this.dispatcher = new NetBoxDispatcher(store, failures, log, token);
    }

    /** Starts the server on a free loopback port; returns this for chaining. */
    public synchronized FakeNetBox start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = listen(0);
        port = server.getPort();
        running = true;
        return this;
    }

    /** The NetBox root the client is pointed at, e.g. {@code http://127.0.0.1:41234/}. */
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + port + "/";
    }

    /** The port the fake listens on, kept across {@link #down()} and {@link #up()}. */
    public synchronized int port() {
        url();
        return port;
    }

    public FakeObjects<VmSpec> virtualMachines() {
        return store.virtualMachines;
    }

    public FakeObjects<DeviceSpec> devices() {
        return store.devices;
    }

    /** VM interfaces; {@link InterfaceSpec#parentId()} is the virtual machine id. */
    public FakeObjects<InterfaceSpec> vmInterfaces() {
        return store.vmInterfaces;
    }

    /** Device interfaces; {@link InterfaceSpec#parentId()} is the device id. */
    public FakeObjects<InterfaceSpec> deviceInterfaces() {
        return store.deviceInterfaces;
    }

    public FakeObjects<IpSpec> ipAddresses() {
        return store.ipAddresses;
    }

    public FakeObjects<ConfigContextSpec> configContexts() {
        return store.configContexts;
    }

    /**
     * The VM as {@code GET /api/virtualization/virtual-machines/{id}/} returns it, e.g. as webhook data.
     *
     * @throws NoSuchElementException when there is no such VM
     */
    public Map<String, Object> virtualMachineJson(int id) {
        return new MachineJson(url(), store).vm(store.virtualMachines.find(id).orElseThrow());
    }

    /**
     * The device as {@code GET /api/dcim/devices/{id}/} returns it, e.g. as webhook data.
     *
     * @throws NoSuchElementException when there is no such device
     */
    public Map<String, Object> deviceJson(int id) {
        return new MachineJson(url(), store).device(store.devices.find(id).orElseThrow());
    }

    /** Delays the headers of every response by {@code delay}; {@link Duration#ZERO} removes the delay. */
    public void setLatency(Duration delay) {
        failures.latency(delay);
    }

    /** Answers the next {@code times} requests (-1: all until {@link #heal()}) with {@code status}. */
    public void failWith(int status, int times) {
        failures.failWith(status, times);
    }

    /** Answers the next {@code times} requests (-1: all) with 429 and Retry-After in whole seconds. */
    public void failWith429(int times, Duration retryAfter) {
        failures.throttle(times, retryAfter);
    }

    /** Reads the next {@code times} requests (-1: all) and never answers them, so the client times out. */
    public void timeoutNext(int times) {
        failures.timeout(times);
    }

    /**
     * Makes NetBox unreachable until {@link #up()}: every connection is dropped before an answer.
     * The port stays bound on purpose: a freed loopback port can be taken by a client's own retrying
     * connection (a TCP self-connect), and then NetBox could never come back on it.
     */
    public synchronized void down() {
        url();
        failures.down(true);
    }

    /** Answers again after {@link #down()}. */
    public synchronized void up() {
        url();
        failures.down(false);
    }

    /** Clears latency and every armed failure, including {@link #down()}. */
    public synchronized void heal() {
        failures.heal();
    }

    /** Path and query of every request received, in order, e.g. {@code /api/dcim/devices/?limit=50}. */
    public List<String> requests() {
        return log.requests();
    }

    /** How many requests were received for this path (without query), e.g. {@code /api/dcim/devices/}. */
    public int requestCount(String path) {
        return log.count(path);
    }

    /** How many requests were received in all. */
    public int requestCount() {
        return log.total();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        log.clear();
    }

    /**
     * The {@code X-Hook-Signature} NetBox sends with a webhook: lower-case hex HMAC-SHA512 of the exact
     * request body, keyed with the webhook secret.
     */
    public static String signature(String secret, byte[] body) {
        return Webhooks.signature(secret, body);
    }

    /**
     * A NetBox webhook payload: {@code event, timestamp, model, username, request_id, data, snapshots}.
     * For "created" and "updated" the data is the post-change snapshot and the pre-change one is null;
     * for "deleted" the data is the pre-change snapshot.
     *
     * @param event "created", "updated" or "deleted"
     * @param model the model name in lower case, e.g. "virtualmachine" or "device"
     * @param data  the serialized object, e.g. from {@link #virtualMachineJson(int)}
     */
    public static String webhookBody(String event, String model, Map<String, Object> data) {
        boolean deleted = "deleted".equals(event);
        return Webhooks.body(event, model, data, deleted ? data : null, deleted ? null : data);
    }

    /** Like {@link #webhookBody(String, String, Map)} with explicit snapshots, either of which may be null. */
    public static String webhookBody(String event, String model, Map<String, Object> data,
                                     Map<String, Object> prechange, Map<String, Object> postchange) {
        return Webhooks.body(event, model, data, prechange, postchange);
    }

    @Override
    public synchronized void close() {
        if (running) {
            shutdown();
            running = false;
        }
    }

    private MockWebServer listen(int onPort) {
        MockWebServer fresh = new MockWebServer();
        fresh.setDispatcher(dispatcher);
        try {
            fresh.start(InetAddress.getByName("127.0.0.1"), onPort);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("fake NetBox could not listen on port " + onPort, e);
        }
    }

    private void shutdown() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException("fake NetBox did not stop cleanly", e);
        }
    }
}
