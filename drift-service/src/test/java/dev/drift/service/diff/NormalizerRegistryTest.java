package dev.drift.service.diff;

import static dev.drift.service.diff.Values.items;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerRegistryTest {
    private final NormalizerRegistry registry = NormalizerRegistry.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "power_state, PowerStateNormalizer",
        "memory_mb, SizeNormalizer",
        "disk[sda].size_gb, SizeNormalizer",
        "vcpus, NumberNormalizer",
        "interface_count, NumberNormalizer",
        "file[/etc/ssh/sshd_config].setting[PermitRootLogin], SettingNormalizer",
        "sysctl[net.ipv4.ip_forward], SettingNormalizer",
        "file[/etc/ssh/sshd_config].sha256, HashNormalizer",
        "package[openssh-server].version, PackageVersionNormalizer",
        "service[sshd].enabled, BooleanNormalizer",
        "service[sshd].state, ServiceStateNormalizer",
        "interface[eth0].ip_addresses, ListNormalizer",
        "dns.nameservers, ListNormalizer",
        "site, TextNormalizer"})
    void pathChoosesNormalizer(String path, String normalizer) {
        assertThat(chosen(path, text("x"), text("y")).getClass().getSimpleName()).isEqualTo(normalizer);
    }

    @Test
    void ipAddressesAreUnorderedAndNameserversOrdered() {
        assertThat(chosen("interface[eth0].ip_addresses", text("x"), text("y")).kind()).isEqualTo("unordered list");
        assertThat(chosen("dns.nameservers", text("x"), text("y")).kind()).isEqualTo("ordered list");
    }

    @Test
    void unclaimedNumberAgainstNumericTextComparesNumerically() {
        assertThat(chosen("rack_unit", number("4"), text("4.0"))).isInstanceOf(NumberNormalizer.class);
    }

    @Test
    void unclaimedNumberAgainstWordsComparesAsText() {
        assertThat(chosen("rack_unit", number("4"), text("four"))).isInstanceOf(TextNormalizer.class);
    }

    @Test
    void unclaimedListComparesInOrder() {
        assertThat(chosen("aliases", items("a"), text("a")).kind()).isEqualTo("ordered list");
    }

    @Test
    void addedLeafRuleTakesPrecedence() {
        NormalizerRegistry custom = registry.withUnorderedLeaf("nameservers");

        FieldNormalizer chosen = ((AbsentAware) custom.select(FieldPath.parse("dns.nameservers"),
                text("a"), text("b"))).delegate();

        assertThat(chosen.kind()).isEqualTo("unordered list");
    }

    @Test
    void everyChoiceTreatsAbsentTextAsAbsent() {
        FieldNormalizer hash = registry.select(FieldPath.parse("file[/etc/hosts].sha256"), text("absent"), text("x"));

        assertThat(hash.normalize(text("absent"))).isEqualTo(Normalized.absent());
    }

    private FieldNormalizer chosen(String path, FieldValue desired, FieldValue actual) {
        return ((AbsentAware) registry.select(FieldPath.parse(path), desired, actual)).delegate();
    }
}
