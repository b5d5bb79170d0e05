package dev.drift.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {
    private static final FieldPath SSH_ROOT_LOGIN = FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]");
    private static final PolicySubject WEB_VM_SSH = new PolicySubject("vm", Set.of("web", "prod"), SSH_ROOT_LOGIN);
    private static final Policy DEFAULT = new Policy(Policy.DEFAULT_ID, "default", PolicyMatch.ANY, Severity.WARNING,
            Duration.ofSeconds(30), false, false, Optional.empty(), List.of("default"), PolicyMode.ENFORCE);

    private final PolicyResolver resolver = new PolicyResolver();

    @Test
    void aDriftKeepsThePolicyItOpenedUnderWhileThatPolicyExists() {
        Policy pci = policy("pci", match(Set.of(), Set.of("pci"), Set.of(), List.of()));
        Policy later = policy("later-and-more-specific", match(Set.of("vm"), Set.of("pci"), Set.of(), List.of(FieldPattern.of("*"))));
        PolicySubject subject = new PolicySubject("vm", Set.of("pci"), FieldPath.of("power_state"));

        assertThat(resolver.resolve(java.util.Optional.of(pci.id()), subject, List.of(DEFAULT, pci, later)))
                .isSameAs(pci);
        assertThat(resolver.resolve(java.util.Optional.of(java.util.UUID.randomUUID()), subject,
                List.of(DEFAULT, pci, later))).as("deleted since: the best match now").isSameAs(later);
    }

    @Test
    void choosesTheDefaultPolicyWhenNothingElseMatches() {
        Policy switches = policy("switches", match(Set.of("switch"), Set.of(), Set.of(), List.of()));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(switches, DEFAULT))).isEqualTo(DEFAULT);
    }

    @Test
    void prefersACatchAllPolicyToTheDefaultPolicy() {
        Policy everything = policy("zzz-everything", PolicyMatch.ANY);

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(DEFAULT, everything))).isEqualTo(everything);
    }

    @Test
    void emptyDimensionsMatchAnything() {
        Policy onlyCategory = policy("configuration",
                match(Set.of(), Set.of(), Set.of(Category.CONFIGURATION), List.of()));
        PolicySubject untaggedHost =
                new PolicySubject("host", Set.of(), FieldPath.parse("sysctl[net.ipv4.ip_forward]"));

        assertThat(resolver.resolve(untaggedHost, List.of(DEFAULT, onlyCategory))).isEqualTo(onlyCategory);
    }

    @Test
    void ignoresPoliciesThatDoNotMatchInEveryDimension() {
        Policy otherTag = policy("db-vms", match(Set.of("vm"), Set.of("db"), Set.of(), List.of()));
        Policy otherCategory = policy("vm-packages",
                match(Set.of("vm"), Set.of(), Set.of(Category.PACKAGE), List.of()));
        Policy otherField = policy("vm-hosts-file",
                match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[/etc/hosts].*"))));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(otherTag, otherCategory, otherField, DEFAULT))).isEqualTo(DEFAULT);
    }

    @Test
    void matchesWhenAnyTagOfTheCiIsListed() {
        Policy prod = policy("prod", match(Set.of(), Set.of("prod", "staging"), Set.of(), List.of()));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(DEFAULT, prod))).isEqualTo(prod);
    }

    @Test
    void moreRestrictedDimensionsWinOverFewer() {
        Policy byType = policy("a-by-type", match(Set.of("vm"), Set.of(), Set.of(), List.of()));
        Policy byTypeAndTag = policy("b-by-type-and-tag", match(Set.of("vm"), Set.of("web"), Set.of(), List.of()));
        Policy byTypeTagAndCategory = policy("c-by-three",
                match(Set.of("vm"), Set.of("web"), Set.of(Category.CONFIGURATION), List.of()));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(DEFAULT, byType, byTypeAndTag, byTypeTagAndCategory)))
                .isEqualTo(byTypeTagAndCategory);
    }

    @Test
    void countsDimensionsNotHowSpecificOneFieldPatternIs() {
        Policy exactField = policy("a-exact-field",
                match(Set.of(), Set.of(), Set.of(), List.of(glob(SSH_ROOT_LOGIN.toString()))));
        Policy typeAndTag = policy("b-type-and-tag", match(Set.of("vm"), Set.of("web"), Set.of(), List.of()));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(exactField, typeAndTag, DEFAULT))).isEqualTo(typeAndTag);
    }

    @Test
    void breaksATieByTheLongestLiteralPrefixOfAMatchingFieldPattern() {
        Policy allFiles = policy("a-all-files", match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[*"))));
        Policy sshFiles = policy("b-ssh-files",
                match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[/etc/ssh/*"))));
        Policy settings = policy("c-any-setting",
                match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("*.setting[PermitRootLogin]"))));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(allFiles, settings, sshFiles, DEFAULT))).isEqualTo(sshFiles);
    }

    @Test
    void measuresTheLiteralPrefixOnlyOnPatternsThatMatch() {
        Policy longButOther = policy("a-long-other", match(Set.of("vm"), Set.of(), Set.of(),
                List.of(glob("file[/etc/ssh/ssh_config].*"), glob("file[*"))));
        Policy sshFiles = policy("b-ssh-files",
                match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[/etc/ssh/*"))));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(longButOther, sshFiles))).isEqualTo(sshFiles);
    }

    @Test
    void aPatternWithoutWildcardCountsItsWholeLength() {
        Policy exact = policy("b-exact", match(Set.of(), Set.of(), Set.of(), List.of(glob(SSH_ROOT_LOGIN.toString()))));
        Policy prefix = policy("a-prefix", match(Set.of(), Set.of(), Set.of(),
                List.of(glob("file[/etc/ssh/sshd_config].setting[PermitRoot*"))));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(prefix, exact))).isEqualTo(exact);
    }

    @Test
    void breaksTheLastTieByName() {
        Policy beta = policy("beta", match(Set.of("vm"), Set.of("web"), Set.of(), List.of()));
        Policy alpha = policy("alpha", match(Set.of("vm"), Set.of("prod"), Set.of(), List.of()));

        assertThat(resolver.resolve(WEB_VM_SSH, List.of(beta, alpha, DEFAULT))).isEqualTo(alpha);
    }

    @Test
    void givesTheSamePolicyWhateverTheOrderOfPolicies() {
        List<Policy> policies = new ArrayList<>(List.of(DEFAULT,
                policy("x", match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[*")))),
                policy("y", match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[/etc/*")))),
                policy("w", match(Set.of("vm"), Set.of(), Set.of(), List.of(glob("file[/etc/*")))),
                policy("z", PolicyMatch.ANY)));
        Policy first = resolver.resolve(WEB_VM_SSH, policies);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(policies);
            assertThat(resolver.resolve(WEB_VM_SSH, policies)).isEqualTo(first);
        }
        assertThat(first.name()).isEqualTo("w");
    }

    @Test
    void refusesToResolveWhenNoPolicyMatches() {
        Policy switches = policy("switches", match(Set.of("switch"), Set.of(), Set.of(), List.of()));

        assertThatThrownBy(() -> resolver.resolve(WEB_VM_SSH, List.of(switches)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default policy is missing");
    }

    private static Policy policy(String name, PolicyMatch match) {
        return new Policy(UUID.randomUUID(), name, match, Severity.HIGH, Duration.ZERO, false, false,
                Optional.empty(), List.of(), PolicyMode.ENFORCE);
    }

    private static PolicyMatch match(Set<String> types, Set<String> tags, Set<Category> categories,
                                     List<FieldPattern> fields) {
        return new PolicyMatch(types, tags, categories, fields);
    }

    private static FieldPattern glob(String glob) {
        return FieldPattern.of(glob);
    }
}
