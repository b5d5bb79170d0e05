package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.embedded.netbox.InterfaceSpec;
import dev.drift.embedded.netbox.IpSpec;
import dev.drift.embedded.netbox.Vlan;
import dev.drift.embedded.netbox.VmSpec;
import dev.drift.service.Application;
import dev.drift.service.reconcile.Sweep;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./drift bench-netbox}: a full sweep of N CIs (default 10,000) whose desired state is in a
 * NetBox stand-in (the in-process fake, a real HTTP server) that adds a fixed latency to every call
 * (default 20 ms). Prints the sweep time, the NetBox calls it made, and, as the baseline measured in
 * the same run, the time to merely download the same pages with a plain HTTP client.
 */
public final class NetBoxSweepBench {
    private static final String TOKEN = "bench-token";
    private static final int PAGE = 1000;

    private NetBoxSweepBench() {
    }

    public static void main(String[] args) throws Exception {
        int cis = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
        try (EmbeddedServers servers = EmbeddedServers.start();
             FakeNetBox netbox = new FakeNetBox(TOKEN).start()) {
            populate(netbox, cis);
            netbox.setLatency(latency);
            double baseline = downloadAllPages(netbox);
            try (ApplicationContext service = startService(servers, netbox)) {
                netbox.clearRequests();
                Sweep.Result result = service.getBean(Sweep.class).run();
                double sweep = result.took().toNanos() / 1e9;
                System.out.printf("%nNetBox sweep: %,d CIs, %d ms latency per NetBox call%n", cis, latency.toMillis());
                System.out.printf("  baseline: download every page (plain HTTP) %8.2f s%n", baseline);
                System.out.printf("  full sweep (fetch, map, diff, ledger)       %8.2f s   (goal < 30 s)%n", sweep);
                System.out.printf("  ratio sweep/baseline                       %8.2f%n", sweep / baseline);
                System.out.printf("  NetBox calls during the sweep              %8d%n", netbox.requestCount());
                System.out.printf("  CIs reconciled %,d, ledger changes %,d, deferred %d%n", result.cis(),
                        result.ledgerChanges(), result.deferred());
                new BenchSummary("sweep", "NetBox sweep of %,d CIs, %d ms per NetBox call".formatted(cis, latency.toMillis()),
                        BenchSummary.number(sweep, "%.2f s"), BenchSummary.number(baseline, "%.2f s download"),
                        BenchSummary.number(sweep / baseline, "%.2f"), "< 30 s", BenchSummary.Met.of(sweep < 30)).record();
            }
        }
    }

    private static void populate(FakeNetBox netbox, int cis) {
        for (int i = 0; i < cis; i++) {
            int vm = netbox.virtualMachines().add(VmSpec.named("sweep-" + i).withStatus("active")
                    .withResources(2.0, 4096, 40960)
                    .withConfigContext(Map.of("drift", Map.of(
                            "files", Map.of("/etc/ssh/sshd_config", Map.of("settings", Map.of("PermitRootLogin", "no"))),
                            "packages", Map.of("openssh-server", "1:9.2p1-2+deb12u3", "telnetd", "absent")))));
            int eth0 = netbox.vmInterfaces().add(InterfaceSpec.of(vm, "eth0").withUntaggedVlan(new Vlan(10, 10, "prod-10")));
            netbox.ipAddresses().add(IpSpec.onVmInterface("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)
                    + "/16", eth0));
        }
    }

    /** Seconds to fetch every page of VMs, devices, VM interfaces and IPs, one page after another. */
    private static double downloadAllPages(FakeNetBox netbox) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (String path : List.of("api/virtualization/virtual-machines/", "api/dcim/devices/",
                "api/virtualization/interfaces/", "api/ipam/ip-addresses/")) {
            String next = netbox.url() + path + "?limit=" + PAGE;
            while (next != null && !next.equals("null")) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                        .header("Authorization", "Token " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                next = nextLink(page.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String nextLink(String body) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("next").asText(null);
    }

    private static ApplicationContext startService(EmbeddedServers servers, FakeNetBox netbox) {
        Map<String, Object> props = new HashMap<>(servers.micronautProperties());
        props.put("micronaut.server.port", 0);
        props.put("drift.desired.source", "netbox");
        props.put("drift.desired.netbox.url", netbox.url());
        props.put("drift.desired.netbox.token", TOKEN);
        props.put("drift.desired.netbox.timeout", "30s");
        return Micronaut.build(new String[0]).mainClass(Application.class).properties(props).banner(false).start();
    }
}
