package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.CiPattern;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyMatch;
import dev.drift.service.policy.PolicyMode;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.suppress.DriftExceptionRule;
import dev.drift.service.suppress.Suppressions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules that turn one machine's compliance checks into config_drift and agent_silent drift. */
class CompliancePlannerTest {
    private static final CiKey CI = CiKey.of("web-01");
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");
    private static final String SSH = "ssh-hardening";
    private static final FieldPath SSH_FIELD = FieldPath.parse("compliance[ssh-hardening].mismatches");
    private static final UUID CONFIG_DRIFT_POLICY = UUID.randomUUID();
    private static final List<Policy> POLICIES = List.of(
            policy(Policy.DEFAULT_ID, "default", Set.of(), Severity.HIGH),
            policy(CONFIG_DRIFT_POLICY, "config-drift", Set.of(Category.CONFIG_DRIFT), Severity.WARNING));

    private final CompliancePlanner planner = new CompliancePlanner(new PolicyResolver());

    @Test
    void theFirstCheckEverOpensNothingEvenWhenNonCompliant() {
        assertThat(plan(List.of(nonCompliant(SSH, 3)), Map.of(), Map.of())).isEmpty();
    }

    @Test
    void compliantOnThePreviousCheckAndNotNowOpensOneWarningWithTheMismatchCount() {
        List<LedgerChange> changes = plan(List.of(nonCompliant(SSH, 3)), Map.of(SSH, was(Verdict.COMPLIANT)), Map.of());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.field()).isEqualTo(SSH_FIELD);
            assertThat(open.field().category()).isEqualTo(Category.CONFIG_DRIFT);
            assertThat(open.desired()).isEqualTo(count(0));
            assertThat(open.actual()).isEqualTo(count(3));
            assertThat(open.severity()).isEqualTo(Severity.WARNING);
            assertThat(open.policyId()).contains(CONFIG_DRIFT_POLICY);
            assertThat(open.status()).isEqualTo(DriftStatus.OPEN);
            assertThat(open.provenance().objectId()).isEqualTo(SSH);
            assertThat(open.provenance().attribute()).isEqualTo("1.0");
        });
    }

    @Test
    void nonCompliantSinceTheFirstJudgedCheckOpensNothing() {
        assertThat(plan(List.of(nonCompliant(SSH, 2)), Map.of(SSH, was(Verdict.NON_COMPLIANT)), Map.of())).isEmpty();
    }

    @Test
    void anUnknownCheckInBetweenDoesNotHideThatTheMachineWasCompliant() {
        PackState compliantThenUnknown = new PackState(Verdict.UNKNOWN, Optional.of(Verdict.COMPLIANT));

        assertThat(plan(List.of(nonCompliant(SSH, 1)), Map.of(SSH, compliantThenUnknown), Map.of()))
                .singleElement().isInstanceOf(LedgerChange.Open.class);
    }

    @Test
    void anOpenAlertIsUpdatedWhenTheCountChangesAndNeverOpenedTwice() {
        ActiveDrift alert = alert(SSH_FIELD, count(3));

        assertThat(plan(List.of(nonCompliant(SSH, 3)), Map.of(SSH, was(Verdict.COMPLIANT)), Map.of(SSH_FIELD, alert)))
                .isEmpty();
        assertThat(plan(List.of(nonCompliant(SSH, 5)), Map.of(SSH, was(Verdict.NON_COMPLIANT)),
                Map.of(SSH_FIELD, alert)))
                .singleElement().isInstanceOfSatisfying(LedgerChange.Refresh.class, refresh -> {
                    assertThat(refresh.drift()).isEqualTo(alert);
                    assertThat(refresh.actual()).isEqualTo(count(5));
                    assertThat(refresh.newObservation()).isFalse();
                });
    }

    @Test
    void compliantAgainResolvesTheAlert() {
        ActiveDrift alert = alert(SSH_FIELD, count(2));

        assertThat(plan(List.of(compliant(SSH)), Map.of(SSH, was(Verdict.NON_COMPLIANT)), Map.of(SSH_FIELD, alert)))
                .singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class, resolve -> {
                    assertThat(resolve.drift()).isEqualTo(alert);
                    assertThat(resolve.by()).isEqualTo(ResolvedBy.AUTO);
                    assertThat(resolve.actual()).isEqualTo(count(0));
                });
    }

    @Test
    void anUnknownVerdictLeavesAnOpenAlertAloneAndOpensNothing() {
        ActiveDrift alert = alert(SSH_FIELD, count(2));

        assertThat(plan(List.of(unknown(SSH)), Map.of(SSH, was(Verdict.NON_COMPLIANT)), Map.of(SSH_FIELD, alert)))
                .isEmpty();
        assertThat(plan(List.of(unknown(SSH)), Map.of(SSH, was(Verdict.COMPLIANT)), Map.of())).isEmpty();
    }

    @Test
    void staleFactsOpenOneAgentSilentDriftAndNoConfigDrift() {
        List<LedgerChange> changes = planner.plan(inputs(desired(SSH), List.of(unknown(SSH)),
                Map.of(SSH, was(Verdict.COMPLIANT)), Map.of(), Optional.of("no facts since yesterday"),
                Suppressions.NONE));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.field()).isEqualTo(ComplianceFields.AGENT_REPORTING);
            assertThat(open.field().category()).isEqualTo(Category.AGENT_SILENT);
            assertThat(open.actual()).isEqualTo(new FieldValue.Text("silent: no facts since yesterday"));
        });
    }

    @Test
    void agentSilenceStaysOneDriftAndResolvesWhenFactsAreFreshAgain() {
        ActiveDrift silent = alert(ComplianceFields.AGENT_REPORTING, new FieldValue.Text("silent: x"));

        assertThat(planner.plan(inputs(desired(SSH), List.of(unknown(SSH)), Map.of(),
                Map.of(ComplianceFields.AGENT_REPORTING, silent), Optional.of("still silent"), Suppressions.NONE)))
                .isEmpty();
        assertThat(planner.plan(inputs(desired(SSH), List.of(compliant(SSH)), Map.of(),
                Map.of(ComplianceFields.AGENT_REPORTING, silent), Optional.empty(), Suppressions.NONE)))
                .singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class,
                        r -> assertThat(r.by()).isEqualTo(ResolvedBy.AUTO));
    }

    @Test
    void alertsOfPacksNoLongerAssignedResolveAsDesiredChanged() {
        ActiveDrift alert = alert(SSH_FIELD, count(2));
        ActiveDrift silent = alert(ComplianceFields.AGENT_REPORTING, new FieldValue.Text("silent: x"));

        List<LedgerChange> changes = planner.plan(inputs(desired(), List.of(), Map.of(),
                Map.of(SSH_FIELD, alert, ComplianceFields.AGENT_REPORTING, silent), Optional.of("silent"),
                Suppressions.NONE));

        assertThat(changes).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOfSatisfying(LedgerChange.Resolve.class,
                r -> assertThat(r.by()).isEqualTo(ResolvedBy.DESIRED_CHANGED)));
    }

    @Test
    void anExceptionOnThePackRecordsTheAlertAsExcepted() {
        DriftExceptionRule exception = new DriftExceptionRule(UUID.randomUUID(), CiPattern.of("web-*"),
                FieldPattern.of("compliance[ssh-hardening].*"), Optional.empty(), "migration to new SSH config",
                "ciso", "alice", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), Optional.empty());

        List<LedgerChange> changes = planner.plan(inputs(desired(SSH), List.of(nonCompliant(SSH, 1)),
                Map.of(SSH, was(Verdict.COMPLIANT)), Map.of(), Optional.empty(),
                new Suppressions(List.of(exception), List.of())));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.status()).isEqualTo(DriftStatus.EXCEPTED);
            assertThat(open.suppressedBy()).contains("exception:" + exception.id());
        });
    }

    @Test
    void eachPackIsJudgedSeparately() {
        List<LedgerChange> changes = plan(List.of(nonCompliant(SSH, 1), nonCompliant("base-linux", 2)),
                Map.of(SSH, was(Verdict.COMPLIANT), "base-linux", was(Verdict.NON_COMPLIANT)), Map.of());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class,
                open -> assertThat(open.field()).isEqualTo(SSH_FIELD));
    }

    private List<LedgerChange> plan(List<PackCheck> checks, Map<String, PackState> previous,
                                    Map<FieldPath, ActiveDrift> active) {
        String[] packs = checks.stream().map(PackCheck::pack).toArray(String[]::new);
        return planner.plan(inputs(desired(packs), checks, previous, active, Optional.empty(), Suppressions.NONE));
    }

    private static CompliancePlanner.Inputs inputs(DesiredState desired, List<PackCheck> checks,
                                                   Map<String, PackState> previous, Map<FieldPath, ActiveDrift> active,
                                                   Optional<String> silence, Suppressions suppressions) {
        return new CompliancePlanner.Inputs(desired, checks, previous, active, silence, POLICIES, suppressions, NOW);
    }

    private static DesiredState desired(String... packs) {
        return new DesiredState(CI, "vm", Map.of(), List.of(), Set.of(), Arrays.asList(packs));
    }

    private static PackState was(Verdict verdict) {
        return new PackState(verdict, verdict.judged() ? Optional.of(verdict) : Optional.empty());
    }

    private static PackCheck compliant(String pack) {
        return check(pack, new PackVerdict.Compliant());
    }

    private static PackCheck unknown(String pack) {
        return check(pack, new PackVerdict.Unknown("no facts"));
    }

    private static PackCheck nonCompliant(String pack, int mismatches) {
        List<Mismatch> list = java.util.stream.IntStream.range(0, mismatches).mapToObj(i -> new Mismatch("item-" + i,
                FieldPath.parse("file[/etc/ssh/sshd_config].setting[S" + i + "]"), "no", "yes")).toList();
        return check(pack, new PackVerdict.NonCompliant(list));
    }

    private static PackCheck check(String pack, PackVerdict verdict) {
        return new PackCheck(CI, pack, "1.0", verdict, Duration.ofMillis(1), NOW, Optional.empty());
    }

    private static ActiveDrift alert(FieldPath field, FieldValue actual) {
        FieldValue desired = field.category() == Category.CONFIG_DRIFT ? count(0) : new FieldValue.Text("reporting");
        return new ActiveDrift(UUID.randomUUID(), CI, "vm", field, DriftStatus.OPEN, Severity.WARNING, desired, actual,
                ComplianceFields.SOURCE, NOW.minus(Duration.ofDays(1)), 1, Optional.empty(),
                Optional.of(CONFIG_DRIFT_POLICY));
    }

    private static FieldValue count(int n) {
        return new FieldValue.Number(BigDecimal.valueOf(n));
    }

    private static Policy policy(UUID id, String name, Set<Category> categories, Severity severity) {
        return new Policy(id, name, new PolicyMatch(Set.of(), Set.of(), categories, List.of()), severity, Duration.ZERO,
                false, false, Optional.empty(), List.of(), PolicyMode.ENFORCE);
    }
}
