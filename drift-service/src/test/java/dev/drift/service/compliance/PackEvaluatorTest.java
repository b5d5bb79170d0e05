package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PackEvaluatorTest {
    private static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");
    private static final Instant RECENT = NOW.minus(Duration.ofHours(1));
    private static final Duration MAX_AGE = Duration.ofHours(26);
    private static final String ROOT_LOGIN = "file[/etc/ssh/sshd_config].setting[PermitRootLogin]";

    private final PackEvaluator evaluator = new PackEvaluator();

    private static Facts facts() {
        return Facts.observedAt(RECENT);
    }

    private PackVerdict judge(ActualState actual, PackItem... items) {
        return evaluator.evaluate(new Pack("test", "1", "", Arrays.asList(items)), actual, NOW, MAX_AGE);
    }

    private static PackItem item(String id, String field, Rule rule) {
        return new PackItem(id, id, FieldPath.parse(field), rule);
    }

    private static Rule equalsText(String value) {
        return new Rule.Equals(new FieldValue.Text(value));
    }

    private static Rule oneOf(FieldValue... values) {
        return new Rule.OneOf(List.of(values));
    }

    private static FieldValue text(String value) {
        return new FieldValue.Text(value);
    }

    private static PackVerdict.NonCompliant nonCompliant(PackVerdict verdict) {
        assertThat(verdict).isInstanceOf(PackVerdict.NonCompliant.class);
        return (PackVerdict.NonCompliant) verdict;
    }

    private static String unknownReason(PackVerdict verdict) {
        assertThat(verdict).isInstanceOf(PackVerdict.Unknown.class);
        return ((PackVerdict.Unknown) verdict).reason();
    }

    @Nested
    class Freshness {

        @Test
        void aCiNeverObservedIsUnknown() {
            PackVerdict verdict = judge(ActualState.empty(Facts.CI), item("a", ROOT_LOGIN, equalsText("no")));

            assertThat(unknownReason(verdict)).isEqualTo("never observed");
        }

        @Test
        void factsOlderThanTheMaximumAgeAreUnknownEvenWhenTheyWouldFail() {
            ActualState old = Facts.observedAt(Instant.parse("2024-05-13T09:00:00Z")).text(ROOT_LOGIN, "yes").state();

            PackVerdict verdict = judge(old, item("a", ROOT_LOGIN, equalsText("no")));

            assertThat(unknownReason(verdict)).isEqualTo("no facts since 2024-05-13T09:00:00Z (more than 26h ago)");
        }

        @Test
        void oneRecentObservationMakesOldFileFactsCount() {
            ActualState state = new ActualState(Facts.CI, Facts.observedAt(NOW.minus(Duration.ofDays(90)))
                    .text(ROOT_LOGIN, "no").state().rows(), Map.of("package[",
                    new ActualState.CoverageRow("ansible", RECENT)));

            assertThat(judge(state, item("a", ROOT_LOGIN, equalsText("no")))).isEqualTo(new PackVerdict.Compliant());
        }
    }

    @Nested
    class EqualsRule {

        @Test
        void settingsCompareLikeDriftIgnoringCaseAndSpacing() {
            ActualState state = facts().text(ROOT_LOGIN, "  No ").state();

            assertThat(judge(state, item("a", ROOT_LOGIN, equalsText("no")))).isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void aDifferentSettingIsAMismatchWithDisplayStrings() {
            ActualState state = facts().text(ROOT_LOGIN, "yes").state();

            PackVerdict verdict = judge(state, item("no-root-login", ROOT_LOGIN, equalsText("no")));

            assertThat(nonCompliant(verdict).mismatches()).containsExactly(
                    new Mismatch("no-root-login", FieldPath.parse(ROOT_LOGIN), "no", "yes"));
        }

        @Test
        void serviceStateSynonymsAreTheSameState() {
            ActualState state = facts().text("service[ssh].state", "active").text("service[ssh].enabled", "Enabled ")
                    .state();

            PackVerdict verdict = judge(state, item("a", "service[ssh].state", equalsText("running")),
                    item("b", "service[ssh].enabled", equalsText("true")));

            assertThat(verdict).isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void packageVersionsWithTheDefaultEpochAreEqual() {
            ActualState state = facts().text("package[nginx].version", "0:1.18.0-6ubuntu14.4").state();

            assertThat(judge(state, item("a", "package[nginx].version", equalsText("1.18.0-6ubuntu14.4"))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void aNumberMatchesNumericText() {
            ActualState state = facts().number("sysctl[net.ipv4.ip_forward]", "0").state();

            assertThat(judge(state, item("a", "sysctl[net.ipv4.ip_forward]", equalsText("0"))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void aFieldNeverObservedIsUnknownNamingTheItem() {
            ActualState state = facts().text("service[ssh].state", "running").state();

            PackVerdict verdict = judge(state, item("sshd-running", "service[ssh].state", equalsText("running")),
                    item("no-root-login", ROOT_LOGIN, equalsText("no")));

            assertThat(unknownReason(verdict)).isEqualTo("1 of 2 items unknown: no-root-login (never observed)");
        }

        @Test
        void aValueReportedChangedWithoutContentIsUnknown() {
            ActualState state = facts().changedWithoutValue("file[/etc/hosts].sha256").state();

            PackVerdict verdict = judge(state, item("hosts", "file[/etc/hosts].sha256", equalsText("ab12")));

            assertThat(unknownReason(verdict)).contains("hosts (file reported MODIFY without a content hash)");
        }

        @Test
        void aValueThatCannotBeNormalizedIsUnknownNeverCompliant() {
            ActualState state = facts().text("service[ssh].state", "reloading").state();

            PackVerdict verdict = judge(state, item("sshd", "service[ssh].state", equalsText("running")));

            assertThat(unknownReason(verdict)).contains("sshd (actual value 'reloading' could not be read as a service state");
        }

        @Test
        void nullMeansAbsentAndIsMetByACompleteReportThatOmitsTheSetting() {
            ActualState state = facts().covers("file[/etc/ssh/sshd_config].setting[").state();

            PackVerdict verdict = judge(state, item("x11", "file[/etc/ssh/sshd_config].setting[X11Forwarding]",
                    oneOf(text("no"), FieldValue.Absent.INSTANCE)));

            assertThat(verdict).isEqualTo(new PackVerdict.Compliant());
        }
    }

    @Nested
    class OneOfRule {
        private static final String MODE = "file[/etc/shadow].mode";

        @Test
        void passesWhenAnyValueMatches() {
            ActualState state = facts().text(MODE, "0640").state();

            assertThat(judge(state, item("a", MODE, oneOf(text("0600"), text("0640")))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void failsWithEveryAllowedValueInTheExpectation() {
            ActualState state = facts().text(MODE, "0644").state();

            PackVerdict verdict = judge(state, item("shadow-mode", MODE, oneOf(text("0600"), text("0640"))));

            assertThat(nonCompliant(verdict).mismatches()).singleElement().satisfies(m -> {
                assertThat(m.expected()).isEqualTo("one of 0600, 0640");
                assertThat(m.actual()).isEqualTo("0644");
            });
        }

        @Test
        void isUnknownWhenTheFieldIsUnknown() {
            PackVerdict verdict = judge(facts().text("hostname", "web-01").state(),
                    item("a", MODE, oneOf(text("0600"), text("0640"))));

            assertThat(unknownReason(verdict)).contains("a (never observed)");
        }
    }

    @Nested
    class PresenceRules {
        private static final String TELNETD = "package[telnetd].version";

        @Test
        void aPackageOmittedFromACompletePackageListIsAbsent() {
            ActualState state = facts().text("package[openssh-server].version", "1:8.9p1-3").covers("package[").state();

            assertThat(judge(state, item("no-telnet", TELNETD, new Rule.Absent())))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void withoutACompleteReportANeverSeenPackageIsUnknownNotAbsent() {
            ActualState state = facts().text("hostname", "web-01").state();

            PackVerdict verdict = judge(state, item("no-telnet", TELNETD, new Rule.Absent()));

            assertThat(unknownReason(verdict)).isEqualTo("1 of 1 items unknown: no-telnet (never observed)");
        }

        @Test
        void anInstalledPackageBreaksAbsence() {
            ActualState state = facts().text(TELNETD, "0.17-44build1").covers("package[").state();

            PackVerdict verdict = judge(state, item("no-telnet", TELNETD, new Rule.Absent()));

            assertThat(nonCompliant(verdict).mismatches()).containsExactly(
                    new Mismatch("no-telnet", FieldPath.parse(TELNETD), "absent", "0.17-44build1"));
        }

        @Test
        void aPackageListedAfterBeingRemovedIsAbsentAgain() {
            ActualState installed = Facts.observedAt(NOW.minus(Duration.ofHours(3))).text(TELNETD, "0.17").state();
            ActualState removed = new ActualState(Facts.CI, installed.rows(),
                    Map.of("package[", new ActualState.CoverageRow("ansible", RECENT)));

            assertThat(judge(removed, item("no-telnet", TELNETD, new Rule.Absent())))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void presentAcceptsAnyVersionAndSeveralVersionsSideBySide() {
            ActualState state = facts().text("package[openssh-server].version", "1:8.9p1-3")
                    .items("package[kernel].version", "5.14.0-362.el9", "5.14.0-427.el9").covers("package[").state();

            assertThat(judge(state, item("a", "package[openssh-server].version", new Rule.Present()),
                    item("b", "package[kernel].version", new Rule.Present())))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void presentFailsOnAbsence() {
            ActualState state = facts().covers("package[").state();

            PackVerdict verdict = judge(state, item("installed", "package[openssh-server].version", new Rule.Present()));

            assertThat(nonCompliant(verdict).mismatches()).containsExactly(new Mismatch("installed",
                    FieldPath.parse("package[openssh-server].version"), "present", "absent"));
        }

        @Test
        void aDeletedFileIsAbsent() {
            ActualState state = facts().absent("file[/etc/hosts.equiv].sha256").state();

            assertThat(judge(state, item("a", "file[/etc/hosts.equiv].sha256", new Rule.Absent())))
                    .isEqualTo(new PackVerdict.Compliant());
        }
    }

    @Nested
    class MinVersionRule {
        private static final String OPENSSH = "package[openssh-server].version";

        @Test
        void aNewerVersionPasses() {
            ActualState state = facts().text(OPENSSH, "1:9.2p1-2+deb12u3").state();

            assertThat(judge(state, item("a", OPENSSH, new Rule.MinVersion("1:8.9p1-3ubuntu0.10"))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void anOlderVersionFailsComparingRevisionsNumerically() {
            ActualState state = facts().text(OPENSSH, "1:8.9p1-3ubuntu0.7").state();

            PackVerdict verdict = judge(state, item("patched", OPENSSH, new Rule.MinVersion("1:8.9p1-3ubuntu0.10")));

            assertThat(nonCompliant(verdict).mismatches()).containsExactly(new Mismatch("patched",
                    FieldPath.parse(OPENSSH), ">= 1:8.9p1-3ubuntu0.10", "1:8.9p1-3ubuntu0.7"));
        }

        @Test
        void theEpochOutweighsTheUpstreamVersion() {
            ActualState state = facts().text(OPENSSH, "1:7.0").state();

            assertThat(judge(state, item("a", OPENSSH, new Rule.MinVersion("9.9"))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void everyInstalledVersionMustBeRecentEnough() {
            ActualState state = facts().items("package[kernel].version", "5.14.0-362.el9", "5.14.0-427.el9").state();

            PackVerdict verdict = judge(state, item("kernel", "package[kernel].version",
                    new Rule.MinVersion("5.14.0-400")));

            assertThat(nonCompliant(verdict).mismatches()).singleElement()
                    .extracting(Mismatch::actual).isEqualTo("5.14.0-362.el9, 5.14.0-427.el9");
        }

        @Test
        void aMissingPackageFails() {
            ActualState state = facts().covers("package[").state();

            PackVerdict verdict = judge(state, item("patched", OPENSSH, new Rule.MinVersion("1:8.9p1")));

            assertThat(nonCompliant(verdict).mismatches()).singleElement().extracting(Mismatch::actual)
                    .isEqualTo("absent");
        }

        @Test
        void anUnreadableVersionIsUnknown() {
            ActualState state = facts().text(OPENSSH, "latest and greatest").state();

            PackVerdict verdict = judge(state, item("patched", OPENSSH, new Rule.MinVersion("1:8.9p1")));

            assertThat(unknownReason(verdict)).contains("patched (actual value could not be read as a package version");
        }
    }

    @Nested
    class MatchesRule {
        private static final String GRACE = "file[/etc/ssh/sshd_config].setting[LoginGraceTime]";
        private static final Rule UP_TO_A_MINUTE = new Rule.Matches(Pattern.compile("(?i)([1-9]|[1-5][0-9]|60)s?|1m"));

        @Test
        void theWholeStrippedValueMustMatch() {
            assertThat(judge(facts().text(GRACE, " 30s ").state(), item("a", GRACE, UP_TO_A_MINUTE)))
                    .isEqualTo(new PackVerdict.Compliant());
            assertThat(nonCompliant(judge(facts().text(GRACE, "2m").state(), item("a", GRACE, UP_TO_A_MINUTE)))
                    .mismatches()).singleElement().satisfies(m -> {
                        assertThat(m.expected()).isEqualTo("matches (?i)([1-9]|[1-5][0-9]|60)s?|1m");
                        assertThat(m.actual()).isEqualTo("2m");
                    });
        }

        @Test
        void everyItemOfARepeatedSettingMustMatch() {
            String acceptEnv = "file[/etc/ssh/sshd_config].setting[AcceptEnv]";
            Rule onlyLocale = new Rule.Matches(Pattern.compile("LANG.*"));

            PackVerdict verdict = judge(facts().items(acceptEnv, "LANG LC_*", "COLORTERM").state(),
                    item("env", acceptEnv, onlyLocale));

            assertThat(nonCompliant(verdict).mismatches()).singleElement().extracting(Mismatch::actual)
                    .isEqualTo("LANG LC_*, COLORTERM");
        }

        @Test
        void anAbsentSettingMatchesNothing() {
            ActualState state = facts().covers("file[/etc/ssh/sshd_config].setting[").state();

            PackVerdict verdict = judge(state, item("grace", GRACE, UP_TO_A_MINUTE));

            assertThat(nonCompliant(verdict).mismatches()).singleElement().extracting(Mismatch::actual)
                    .isEqualTo("absent");
        }
    }

    @Nested
    class NumberRules {
        private static final String BACKUP = "probe[backup].age_hours";
        private static final String TLS = "probe[tls:443].days_left";

        @Test
        void limitsAreInclusive() {
            ActualState state = facts().number(BACKUP, "26").number(TLS, "14").state();

            assertThat(judge(state, item("backup", BACKUP, new Rule.AtMost(new BigDecimal("26"))),
                    item("tls", TLS, new Rule.AtLeast(new BigDecimal("14")))))
                    .isEqualTo(new PackVerdict.Compliant());
        }

        @Test
        void valuesBeyondTheLimitsFailWithPlainNumbers() {
            ActualState state = facts().number(BACKUP, "30.50").text(TLS, "3").state();

            PackVerdict verdict = judge(state, item("backup", BACKUP, new Rule.AtMost(new BigDecimal("26.0"))),
                    item("tls", TLS, new Rule.AtLeast(new BigDecimal("14"))));

            assertThat(nonCompliant(verdict).mismatches()).containsExactly(
                    new Mismatch("backup", FieldPath.parse(BACKUP), "at most 26", "30.5"),
                    new Mismatch("tls", FieldPath.parse(TLS), "at least 14", "3"));
        }

        @Test
        void textThatIsNotANumberIsUnknown() {
            PackVerdict verdict = judge(facts().text(BACKUP, "yesterday").state(),
                    item("backup", BACKUP, new Rule.AtMost(BigDecimal.TEN)));

            assertThat(unknownReason(verdict)).contains("backup (actual value 'yesterday' could not be read as a number)");
        }

        @Test
        void aMissingSettingFailsAMaximum() {
            String tries = "file[/etc/ssh/sshd_config].setting[MaxAuthTries]";
            ActualState state = facts().covers("file[/etc/ssh/sshd_config].setting[").state();

            PackVerdict verdict = judge(state, item("tries", tries, new Rule.AtMost(new BigDecimal("4"))));

            assertThat(nonCompliant(verdict).mismatches()).singleElement().extracting(Mismatch::actual)
                    .isEqualTo("absent");
        }
    }

    @Nested
    class Verdicts {

        @Test
        void mismatchesComeInItemOrderAndOutweighUnknownItems() {
            ActualState state = facts().text(ROOT_LOGIN, "yes").text("service[ssh].state", "stopped").state();

            PackVerdict verdict = judge(state,
                    item("sshd-running", "service[ssh].state", equalsText("running")),
                    item("never-seen", "sysctl[kernel.randomize_va_space]", equalsText("2")),
                    item("no-root-login", ROOT_LOGIN, equalsText("no")));

            assertThat(nonCompliant(verdict).mismatches()).extracting(Mismatch::itemId)
                    .containsExactly("sshd-running", "no-root-login");
            assertThat(nonCompliant(verdict).mismatches().getFirst().actual()).isEqualTo("stopped");
        }

        @Test
        void unknownNamesEveryUnknownItemWithItsReason() {
            ActualState state = facts().text(ROOT_LOGIN, "no").text("service[ssh].state", "reloading").state();

            PackVerdict verdict = judge(state,
                    item("no-root-login", ROOT_LOGIN, equalsText("no")),
                    item("sshd-running", "service[ssh].state", equalsText("running")),
                    item("aslr", "sysctl[kernel.randomize_va_space]", equalsText("2")));

            assertThat(unknownReason(verdict)).startsWith("2 of 3 items unknown: sshd-running (actual value 'reloading'")
                    .endsWith("; aslr (never observed)");
        }

        @Test
        void aNegativeMaximumAgeIsRefused() {
            Pack pack = new Pack("p", "1", "", List.of(item("a", ROOT_LOGIN, equalsText("no"))));

            assertThatThrownBy(() -> evaluator.evaluate(pack, facts().state(), NOW, Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
