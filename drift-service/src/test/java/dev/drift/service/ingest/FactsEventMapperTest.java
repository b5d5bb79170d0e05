package dev.drift.service.ingest;

import static dev.drift.service.ingest.Mappings.byPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactsEventMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FactsEventMapper mapper = new FactsEventMapper();

    private EventMapper.Mapping map(String payload) throws Exception {
        return mapper.map(JSON.readTree(payload));
    }

    private EventMapper.Mapping ubuntu() throws Exception {
        return map(EventDecoderTest.example("ansible.facts_collected.ubuntu-2204.json"));
    }

    private EventMapper.Mapping rocky() throws Exception {
        return map(EventDecoderTest.example("ansible.facts_collected.rocky-9.json"));
    }

    private static Observed text(String value) {
        return new Observed.Value(FieldValue.text(value));
    }

    private static Observed number(long value) {
        return new Observed.Value(FieldValue.Number.of(value));
    }

    private static Observed items(String... values) {
        return new Observed.Value(new FieldValue.Items(List.of(values)));
    }

    @Test
    void hostFactsMapToTheirFields() throws Exception {
        assertThat(byPath(ubuntu()))
                .containsEntry("hostname", text("host-01"))
                .containsEntry("vcpus", number(2))
                .containsEntry("memory_mb", number(3916))
                .containsEntry("firmware[bios].version", text("6.00"))
                .containsEntry("os.distribution", text("Ubuntu"))
                .containsEntry("os.version", text("22.04"))
                .containsEntry("kernel.version", text("5.15.0-105-generic"));
    }

    @Test
    void interfaceFactsMapMacMtuStateAndAddressesWithoutLinkLocal() throws Exception {
        assertThat(byPath(ubuntu()))
                .containsEntry("interface[eth0].mac", text("00:50:56:8a:1c:2e"))
                .containsEntry("interface[eth0].mtu", number(1500))
                .containsEntry("interface[eth0].state", text("up"))
                .containsEntry("interface[eth0].ip_addresses", items("10.20.0.15/24"))
                .containsEntry("interface[lo].ip_addresses", items("127.0.0.1/8", "::1/128"))
                .doesNotContainKey("interface[lo].mac");
    }

    @Test
    void dashedInterfaceIsFoundUnderItsUnderscoredFactWithSecondaryAndGlobalAddresses() throws Exception {
        assertThat(byPath(rocky()))
                .containsEntry("interface[br-mgmt].mac", text("52:54:00:a1:b2:c3"))
                .containsEntry("interface[br-mgmt].ip_addresses",
                        items("192.168.50.21/24", "192.168.50.99/24", "2001:db8:50::21/64"))
                .doesNotContainKey("interface[br_mgmt].mac");
    }

    @Test
    void interfaceWithoutAddressesReportsNoAddressField() throws Exception {
        assertThat(byPath(rocky()))
                .containsEntry("interface[ens3].state", text("up"))
                .doesNotContainKey("interface[ens3].ip_addresses");
    }

    @Test
    void packageFactsCoverEveryPackage() throws Exception {
        EventMapper.Mapping mapping = ubuntu();

        assertThat(mapping.coverage()).contains(new Coverage("package["));
        assertThat(byPath(mapping).keySet().stream().filter(p -> p.startsWith("package["))).containsExactlyInAnyOrder(
                "package[openssh-server].version", "package[nginx].version", "package[sudo].version",
                "package[libc6].version");
    }

    @Test
    void factsNeverCoverInterfacesBecauseTheyOmitTheNetwork() throws Exception {
        assertThat(ubuntu().coverage()).containsExactlyInAnyOrder(new Coverage("package["), new Coverage("service["));
    }

    @Test
    void debVersionIsReportedAsIsAndMultiarchCountsOnce() throws Exception {
        assertThat(byPath(ubuntu()))
                .containsEntry("package[openssh-server].version", text("1:8.9p1-3ubuntu0.7"))
                .containsEntry("package[libc6].version", text("2.35-0ubuntu3.7"));
    }

    @Test
    void rpmReleaseIsAppendedToTheVersion() throws Exception {
        assertThat(byPath(rocky()))
                .containsEntry("package[openssh-server].version", text("8.7p1-38.el9"))
                .containsEntry("package[bind-libs].version", text("9.16.23-15.el9"));
    }

    @Test
    void severalInstalledVersionsBecomeItems() throws Exception {
        assertThat(byPath(rocky()))
                .containsEntry("package[kernel].version", items("5.14.0-362.24.1.el9_3", "5.14.0-427.13.1.el9_4"));
    }

    @Test
    void serviceFactsMapStateAndBootEnablement() throws Exception {
        EventMapper.Mapping mapping = ubuntu();

        assertThat(byPath(mapping))
                .containsEntry("service[ssh].state", text("running"))
                .containsEntry("service[ssh].enabled", text("true"))
                .containsEntry("service[ufw].state", text("stopped"))
                .containsEntry("service[ufw].enabled", text("false"))
                .containsEntry("service[systemd-journald].state", text("running"))
                .doesNotContainKey("service[systemd-journald].enabled")
                .containsEntry("service[procps].state", text("stopped"))
                .doesNotContainKey("service[procps].enabled");
        assertThat(mapping.coverage()).contains(new Coverage("service["));
    }

    @Test
    void maskedServiceSaysNothingAboutEnablement() throws Exception {
        assertThat(byPath(rocky()))
                .containsEntry("service[kdump].state", text("stopped"))
                .doesNotContainKey("service[kdump].enabled");
    }

    @Test
    void unprefixedFactsFromAPlaybookVariableAreRead() throws Exception {
        EventMapper.Mapping mapping = map("""
                {"ci_id": "host-09", "ansible_facts": {
                  "processor_vcpus": 8, "memtotal_mb": 15731, "kernel": "6.1.0-21-amd64",
                  "interfaces": ["eth0"],
                  "eth0": {"device": "eth0", "active": false, "macaddress": "aa:bb:cc:00:11:22", "mtu": 1500,
                           "ipv4": {"address": "10.0.0.9", "netmask": "255.255.254.0"}}}}
                """);

        assertThat(byPath(mapping))
                .containsEntry("vcpus", number(8))
                .containsEntry("memory_mb", number(15731))
                .containsEntry("kernel.version", text("6.1.0-21-amd64"))
                .containsEntry("interface[eth0].state", text("down"))
                .containsEntry("interface[eth0].ip_addresses", items("10.0.0.9/23"));
        assertThat(mapping.coverage()).isEmpty();
    }
}
