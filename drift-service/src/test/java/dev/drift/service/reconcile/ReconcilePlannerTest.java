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
import dev.drift.service.model.Category;
import dev.drift.service.model.CiKey;
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
import dev.drift.service.suppress.Suppressions;
import dev.drift.service.policy.PolicyResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReconcilePlannerTest {
    private static final CiKey CI = CiKey.of("vm-1");
    private static final FieldPath POWER = FieldPath.of("power_state");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Provenance FROM_FILE = new Provenance("file", "ci-file", "vm-1.yaml", "fields.power_state");

    private static final List<Policy> POLICIES = List.of(
            policy(Policy.DEFAULT_ID, "default", Set.of(), Severity.WARNING),
            policy(UUID.randomUUID(), "machine-state", Set.of(Category.STATE), Severity.HIGH),
            policy(UUID.randomUUID(), "registration", Set.of(), Severity.CRITICAL, "ci.*"));

    private final ReconcilePlanner planner = new ReconcilePlanner(new Differ(List.of()), new PolicyResolver());

    @Test
    void opensDriftWhenActualDiffersAndNothingIsOpen() {
        List<LedgerChange> changes = plan(desired("on"), actual("off", "s/1"), Map.of());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.field()).isEqualTo(POWER);
            assertThat(open.desired()).isEqualTo(FieldValue.text("on"));
            assertThat(open.actual()).isEqualTo(FieldValue.text("off"));
            assertThat(open.actualSource()).isEqualTo("s/1");
            assertThat(open.severity()).isEqualTo(Severity.HIGH);
            assertThat(open.provenance()).isEqualTo(FROM_FILE);
        });
    }

    @Test
    void aPolicyMatchingTheCisTagsApplies() {
        Policy pci = new Policy(UUID.randomUUID(), "pci", new PolicyMatch(Set.of(), Set.of("pci"), Set.of(), List.of()),
                Severity.CRITICAL, Duration.ZERO, false, false, java.util.Optional.empty(), List.of(), PolicyMode.ENFORCE);
        DesiredState tagged = new DesiredState(CI, "vm", desired("on").fields(), List.of(), Set.of("pci"), List.of());
        ReconcilePlanner.Inputs in = new ReconcilePlanner.Inputs(CI, new DesiredLookup.Managed(tagged),
                actual("off", "s/1"), Map.of(), "file", List.of(POLICIES.get(0), pci), Map.of(), NOW,
                Suppressions.NONE, java.util.Optional.empty());

        assertThat(planner.plan(in)).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(open.policyId()).contains(pci.id());
        });
    }

    @Test
    void severityComesFromTheMostSpecificMatchingPolicy() {
        FieldPath sshd = FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]");
        DesiredState desired = new DesiredState(CI, "vm", Map.of(sshd, new DesiredField(FieldValue.text("no"), FROM_FILE)),
                List.of());
        ActualState actual = new ActualState(CI, Map.of(sshd,
                new ActualState.ActualRow(new Observed.Value(FieldValue.text("yes")), "s/1", T1)), Map.of());

        List<LedgerChange> changes = plan(desired, actual, Map.of());

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class,
                open -> assertThat(open.severity()).as("only the default policy matches").isEqualTo(Severity.WARNING));
    }

    @Test
    void driftWaitsForItsPolicysSettleTimeAndAsksForARecheck() {
        List<LedgerChange> first = planner.plan(flappy(actual("off", "s/1"), Map.of(), NOW));

        assertThat(first).containsExactly(new LedgerChange.Settling(CI, POWER, NOW, NOW.plus(SETTLE)));
        assertThat(planner.plan(flappy(actual("off", "s/2"), Map.of(POWER, NOW), NOW.plusSeconds(30))))
                .as("still settling: nothing new").isEmpty();
        assertThat(planner.plan(flappy(actual("off", "s/2"), Map.of(POWER, NOW), NOW.plus(SETTLE))))
                .singleElement().isInstanceOf(LedgerChange.Open.class);
    }

    @Test
    void driftThatEndsWithinItsSettleTimeIsForgotten() {
        assertThat(planner.plan(flappy(actual("running", "s/2"), Map.of(POWER, NOW), NOW.plusSeconds(10))))
                .containsExactly(new LedgerChange.Settled(CI, POWER));
    }

    @Test
    void planningTwiceOnUnchangedStateChangesNothing() {
        ActiveDrift open = active("on", "off", "s/1");

        assertThat(plan(desired("on"), actual("off", "s/1"), Map.of(POWER, open))).isEmpty();
    }

    @Test
    void refreshesWithNewObservationWhenDriftPersists() {
        ActiveDrift open = active("on", "off", "s/1");

        List<LedgerChange> changes = plan(desired("on"), actual("suspended", "s/2"), Map.of(POWER, open));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Refresh.class, r -> {
            assertThat(r.newObservation()).isTrue();
            assertThat(r.actual()).isEqualTo(FieldValue.text("suspended"));
        });
    }

    @Test
    void resolvesAutomaticallyWhenMachineComesBack() {
        ActiveDrift open = active("on", "off", "s/1");

        List<LedgerChange> changes = plan(desired("on"), actual("running", "s/2"), Map.of(POWER, open));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class, r -> {
            assertThat(r.by()).isEqualTo(ResolvedBy.AUTO);
            assertThat(r.actualSource()).isEqualTo("s/2");
        });
    }

    @Test
    void resolvesAsDesiredChangedWhenIntentMovesToMeetTheMachine() {
        ActiveDrift open = active("on", "off", "s/1");

        List<LedgerChange> changes = plan(desired("off"), actual("off", "s/1"), Map.of(POWER, open));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class,
                r -> assertThat(r.by()).isEqualTo(ResolvedBy.DESIRED_CHANGED));
    }

    @Test
    void unknownActualNeitherOpensNorResolves() {
        ActualState unknown = new ActualState(CI, Map.of(POWER,
                new ActualState.ActualRow(new Observed.Unknown("reported without value"), "s/3", T1)), Map.of());
        ActiveDrift open = active("on", "off", "s/1");

        assertThat(plan(desired("on"), unknown, Map.of())).isEmpty();
        assertThat(plan(desired("on"), unknown, Map.of(POWER, open))).isEmpty();
    }

    @Test
    void resolvesDriftOfAFieldNoLongerMonitored() {
        ActiveDrift open = active("on", "off", "s/1");
        DesiredState nothingMonitored = new DesiredState(CI, "vm", Map.of(), List.of());

        List<LedgerChange> changes = planner.plan(inputs(new DesiredLookup.Managed(nothingMonitored),
                actual("off", "s/1"), Map.of(POWER, open)));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class,
                r -> assertThat(r.by()).isEqualTo(ResolvedBy.DESIRED_CHANGED));
    }

    @Test
    void resolvesDriftOfAFieldNowIgnored() {
        ActiveDrift open = active("on", "off", "s/1");
        DesiredState ignoring = new DesiredState(CI, "vm", desired("on").fields(), List.of(FieldPattern.of("power*")));

        List<LedgerChange> changes = planner.plan(inputs(new DesiredLookup.Managed(ignoring), actual("off", "s/1"),
                Map.of(POWER, open)));

        assertThat(changes).singleElement().isInstanceOf(LedgerChange.Resolve.class);
    }

    @Test
    void unmanagedCiOpensOneRegistrationDrift() {
        List<LedgerChange> first = planner.plan(inputs(new DesiredLookup.Unmanaged(CI), actual("off", "s/1"), Map.of()));

        assertThat(first).singleElement().isInstanceOfSatisfying(LedgerChange.Open.class, open -> {
            assertThat(open.field()).isEqualTo(ReconcilePlanner.UNMANAGED_FIELD);
            assertThat(open.actualSource()).isEqualTo("s/1");
            assertThat(open.severity()).as("the registration policy's field pattern is the most specific")
                    .isEqualTo(Severity.CRITICAL);
        });
        ActiveDrift registered = new ActiveDrift(UUID.randomUUID(), CI, "unknown", ReconcilePlanner.UNMANAGED_FIELD,
                DriftStatus.OPEN, Severity.HIGH, FieldValue.text("true"), FieldValue.text("false"), "s/1", T1, 1,
                java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(planner.plan(inputs(new DesiredLookup.Unmanaged(CI), actual("off", "s/2"),
                Map.of(ReconcilePlanner.UNMANAGED_FIELD, registered)))).isEmpty();
    }

    @Test
    void disabledCiResolvesWhatWasOpen() {
        ActiveDrift open = active("on", "off", "s/1");

        List<LedgerChange> changes = planner.plan(inputs(new DesiredLookup.Disabled(CI, "switched off"),
                actual("off", "s/1"), Map.of(POWER, open)));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Resolve.class,
                r -> assertThat(r.by()).isEqualTo(ResolvedBy.DETECTION_DISABLED));
    }

    @Test
    void leavesDriftOnlyTheComplianceSweepJudgesAlone() {
        ActiveDrift packAlert = new ActiveDrift(UUID.randomUUID(), CI, "vm",
                FieldPath.parse("compliance[ssh-hardening].mismatches"), DriftStatus.OPEN, Severity.WARNING,
                new FieldValue.Number(java.math.BigDecimal.ZERO), new FieldValue.Number(java.math.BigDecimal.TWO),
                "compliance-sweep", T1, 1, java.util.Optional.empty(), java.util.Optional.empty());
        ActiveDrift silent = new ActiveDrift(UUID.randomUUID(), CI, "vm", FieldPath.parse("agent.reporting"),
                DriftStatus.OPEN, Severity.WARNING, FieldValue.text("reporting"), FieldValue.text("silent"),
                "compliance-sweep", T1, 1, java.util.Optional.empty(), java.util.Optional.empty());

        assertThat(plan(desired("on"), actual("on", "s/1"), Map.of(packAlert.field(), packAlert,
                silent.field(), silent))).isEmpty();
    }

    private List<LedgerChange> plan(DesiredState desired, ActualState actual, Map<FieldPath, ActiveDrift> active) {
        return planner.plan(inputs(new DesiredLookup.Managed(desired), actual, active));
    }

    private static ReconcilePlanner.Inputs inputs(DesiredLookup lookup, ActualState actual,
                                                  Map<FieldPath, ActiveDrift> active) {
        return new ReconcilePlanner.Inputs(CI, lookup, actual, active, "file", POLICIES, Map.of(), NOW,
                Suppressions.NONE, java.util.Optional.empty());
    }

    private static Policy policy(UUID id, String name, Set<Category> categories, Severity severity, String... fields) {
        return policy(id, name, Set.of(), categories, severity, Duration.ZERO, fields);
    }

    private static Policy policy(UUID id, String name, Set<String> ciTypes, Set<Category> categories,
                                 Severity severity, Duration settle, String... fields) {
        return new Policy(id, name, new PolicyMatch(ciTypes, Set.of(), categories,
                java.util.Arrays.stream(fields).map(FieldPattern::of).toList()), severity, settle,
                false, false, java.util.Optional.empty(), List.of(), PolicyMode.ENFORCE);
    }

    private static ReconcilePlanner.Inputs flappy(ActualState actual, Map<FieldPath, Instant> settling, Instant now) {
        List<Policy> policies = List.of(POLICIES.get(0),
                policy(UUID.randomUUID(), "flappy", Set.of("flappy"), Set.of(), Severity.HIGH, SETTLE));
        DesiredState desired = new DesiredState(CI, "flappy", desired("on").fields(), List.of());
        return new ReconcilePlanner.Inputs(CI, new DesiredLookup.Managed(desired), actual, Map.of(), "file", policies,
                settling, now, Suppressions.NONE, java.util.Optional.empty());
    }

    private static DesiredState desired(String power) {
        return new DesiredState(CI, "vm", Map.of(POWER, new DesiredField(FieldValue.text(power), FROM_FILE)), List.of());
    }

    private static ActualState actual(String power, String source) {
        return new ActualState(CI, Map.of(POWER,
                new ActualState.ActualRow(new Observed.Value(FieldValue.text(power)), source, T1)), Map.of());
    }

    private static ActiveDrift active(String desired, String actual, String source) {
        return new ActiveDrift(UUID.randomUUID(), CI, "vm", POWER, DriftStatus.OPEN, Severity.HIGH,
                FieldValue.text(desired), FieldValue.text(actual), source, T1, 1, java.util.Optional.empty(),
                java.util.Optional.empty());
    }
}
