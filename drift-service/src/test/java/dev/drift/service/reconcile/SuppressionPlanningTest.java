package dev.drift.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.diff.Differ;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.CiPattern;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import dev.drift.service.model.Provenance;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyMatch;
import dev.drift.service.policy.PolicyMode;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.suppress.ChangeWindow;
import dev.drift.service.suppress.DriftExceptionRule;
import dev.drift.service.suppress.Suppressions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How exceptions, change windows and the remediation loop guard shape what a reconcile decides. */
class SuppressionPlanningTest {
    private static final CiKey CI = CiKey.of("web-01");
    private static final FieldPath ROOT_LOGIN = FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Provenance FROM_FILE = new Provenance("file", "ci-file", "web-01.yaml", "fields");
    private static final List<Policy> POLICIES = List.of(new Policy(Policy.DEFAULT_ID, "default",
            new PolicyMatch(Set.of(), Set.of(), Set.of(), List.of()), Severity.WARNING, Duration.ZERO, false, false,
            Optional.empty(), List.of("default"), PolicyMode.ENFORCE));

    private final ReconcilePlanner planner = new ReconcilePlanner(new Differ(List.of()), new PolicyResolver());

    @Test
    void driftAnExceptionCoversIsRecordedExcepted() {
        DriftExceptionRule rule = exception("web-*", "file[/etc/ssh/*", Optional.empty(), NOW.plusSeconds(60));

        List<LedgerChange> changes = plan(Map.of(), new Suppressions(List.of(rule), List.of()), Optional.empty());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.status()).isEqualTo(DriftStatus.EXCEPTED);
            assertThat(open.suppressedBy()).contains("exception:" + rule.id());
        });
    }

    @Test
    void anExceptionForAnotherValueOrAnotherCiOrExpiredDoesNotCover() {
        var otherValue = exception("web-01", "*", Optional.of(FieldValue.text("prohibit-password")), NOW.plusSeconds(60));
        var otherCi = exception("db-*", "*", Optional.empty(), NOW.plusSeconds(60));
        var expired = exception("web-01", "*", Optional.empty(), NOW);

        List<LedgerChange> changes = plan(Map.of(),
                new Suppressions(List.of(otherValue, otherCi, expired), List.of()), Optional.empty());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class,
                open -> assertThat(open.status()).isEqualTo(DriftStatus.OPEN));
    }

    @Test
    void anOpenDriftAnExceptionNowCoversBecomesExcepted() {
        DriftExceptionRule rule = exception("web-01", "*", Optional.of(FieldValue.text("yes")), NOW.plusSeconds(60));

        List<LedgerChange> changes = plan(Map.of(ROOT_LOGIN, active(DriftStatus.OPEN, Optional.empty())),
                new Suppressions(List.of(rule), List.of()), Optional.empty());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Reclassify.class, r -> {
            assertThat(r.to()).isEqualTo(DriftStatus.EXCEPTED);
            assertThat(r.suppressedBy()).contains("exception:" + rule.id());
        });
    }

    @Test
    void anExceptedDriftWhoseExceptionEndedOpens() {
        ActiveDrift excepted = active(DriftStatus.EXCEPTED, Optional.of("exception:" + UUID.randomUUID()));

        List<LedgerChange> changes = plan(Map.of(ROOT_LOGIN, excepted), Suppressions.NONE, Optional.empty());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Reclassify.class, r -> {
            assertThat(r.to()).isEqualTo(DriftStatus.OPEN);
            assertThat(r.suppressedBy()).isEmpty();
        });
    }

    @Test
    void driftInAnOpenChangeWindowIsExpectedAndOpensWhenItCloses() {
        ChangeWindow window = new ChangeWindow(UUID.randomUUID(), "CHG0030001", CI,
                List.of(FieldPattern.of("file[/etc/ssh/sshd_config].*")), NOW.minusSeconds(60), NOW.plusSeconds(60),
                "cab", "itsm", NOW.minusSeconds(120));

        List<LedgerChange> during = plan(Map.of(), new Suppressions(List.of(), List.of(window)), Optional.empty());
        assertThat(during).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.status()).isEqualTo(DriftStatus.EXPECTED);
            assertThat(open.suppressedBy()).contains("change:CHG0030001");
        });

        ActiveDrift expected = active(DriftStatus.EXPECTED, Optional.of("change:CHG0030001"));
        List<LedgerChange> after = planAt(NOW.plusSeconds(61), Map.of(ROOT_LOGIN, expected),
                new Suppressions(List.of(), List.of(window)), Optional.empty());
        assertThat(after).singleElement().isInstanceOfSatisfying(LedgerChange.Reclassify.class,
                r -> assertThat(r.to()).isEqualTo(DriftStatus.OPEN));
    }

    @Test
    void aChangeWindowForOtherFieldsDoesNotCover() {
        ChangeWindow window = new ChangeWindow(UUID.randomUUID(), "CHG1", CI, List.of(FieldPattern.of("package[*]*")),
                NOW.minusSeconds(60), NOW.plusSeconds(60), "cab", "itsm", NOW);

        assertThat(plan(Map.of(), new Suppressions(List.of(), List.of(window)), Optional.empty()))
                .singleElement().isInstanceOfSatisfying(LedgerChange.Open.class,
                        open -> assertThat(open.status()).isEqualTo(DriftStatus.OPEN));
    }

    @Test
    void newDriftDuringARemediationRunIsHeldBackUntilTheGuardEnds() {
        Instant guardUntil = NOW.plusSeconds(30);

        List<LedgerChange> during = plan(Map.of(), Suppressions.NONE, Optional.of(guardUntil));
        assertThat(during).singleElement().isInstanceOfSatisfying(LedgerChange.Settling.class, s -> {
            assertThat(s.since()).isEqualTo(NOW);
            assertThat(s.recheckAt()).isEqualTo(guardUntil);
        });

        List<LedgerChange> after = planAt(guardUntil, Map.of(), Suppressions.NONE, Optional.empty(),
                Map.of(ROOT_LOGIN, NOW));
        assertThat(after).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class,
                open -> assertThat(open.status()).isEqualTo(DriftStatus.OPEN));
    }

    @Test
    void aRemediatingDriftThatComesBackResolvesByRemediation() {
        ActiveDrift remediating = active(DriftStatus.REMEDIATING, Optional.empty());
        DesiredState desired = desired();
        ActualState fixed = actual("no", "s/2");

        List<LedgerChange> changes = planner.plan(new ReconcilePlanner.Inputs(CI, new DesiredLookup.Managed(desired),
                fixed, Map.of(ROOT_LOGIN, remediating), "file", POLICIES, Map.of(), NOW, Suppressions.NONE,
                Optional.empty()));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class,
                r -> assertThat(r.by()).isEqualTo(ResolvedBy.REMEDIATION));
    }

    private List<LedgerChange> plan(Map<FieldPath, ActiveDrift> active, Suppressions suppressions,
                                    Optional<Instant> guard) {
        return planAt(NOW, active, suppressions, guard);
    }

    private List<LedgerChange> planAt(Instant now, Map<FieldPath, ActiveDrift> active, Suppressions suppressions,
                                      Optional<Instant> guard) {
        return planAt(now, active, suppressions, guard, Map.of());
    }

    private List<LedgerChange> planAt(Instant now, Map<FieldPath, ActiveDrift> active, Suppressions suppressions,
                                      Optional<Instant> guard, Map<FieldPath, Instant> settling) {
        return planner.plan(new ReconcilePlanner.Inputs(CI, new DesiredLookup.Managed(desired()), actual("yes", "s/1"),
                active, "file", POLICIES, settling, now, suppressions, guard));
    }

    private static DriftExceptionRule exception(String ci, String field, Optional<FieldValue> allowed, Instant expires) {
        return new DriftExceptionRule(UUID.randomUUID(), CiPattern.of(ci), FieldPattern.of(field), allowed,
                "legacy backup job logs in as root", "ciso", "alice", NOW.minusSeconds(600), expires, Optional.empty());
    }

    private static DesiredState desired() {
        return new DesiredState(CI, "vm", Map.of(ROOT_LOGIN, new DesiredField(FieldValue.text("no"), FROM_FILE)),
                List.of());
    }

    private static ActualState actual(String value, String source) {
        return new ActualState(CI, Map.of(ROOT_LOGIN, new ActualState.ActualRow(
                new Observed.Value(FieldValue.text(value)), source, NOW.minusSeconds(5))), Map.of());
    }

    private static ActiveDrift active(DriftStatus status, Optional<String> suppressedBy) {
        return new ActiveDrift(UUID.randomUUID(), CI, "vm", ROOT_LOGIN, status, Severity.WARNING,
                FieldValue.text("no"), FieldValue.text("yes"), "s/1", NOW.minusSeconds(300), 1, suppressedBy, Optional.empty());
    }
}
