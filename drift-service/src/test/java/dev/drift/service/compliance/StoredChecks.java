package dev.drift.service.compliance;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.system.Database;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores compliance checks through the sweep's own {@link ComplianceStore}, for tests of what is read
 * back: each check goes to {@code compliance_check} and moves the machine's state of the pack, so
 * checks of one machine and pack are to be stored oldest first.
 */
public final class StoredChecks {
    private static final Duration TOOK = Duration.ofNanos(1_234_000);

    private final Database database;
    private final ComplianceStore store;

    public StoredChecks(ApplicationContext context) {
        this.database = context.getBean(Database.class);
        this.store = context.getBean(ComplianceStore.class);
    }

    /** A compliant check of the pack at version {@code version}, made by {@code job}. */
    public void compliant(String ci, String pack, String version, Instant at, UUID job) {
        store(ci, pack, version, new PackVerdict.Compliant(), at, Optional.of(job));
    }

    /** A non-compliant check with one mismatch per item id: the field {@code setting[<item>]} is "yes", not "no". */
    public void nonCompliant(String ci, String pack, String version, Instant at, String... items) {
        List<Mismatch> mismatches = List.of(items).stream()
                .map(item -> new Mismatch(item, FieldPath.parse("file[/etc/ssh/sshd_config].setting[" + item + "]"),
                        "no", "yes"))
                .toList();
        store(ci, pack, version, new PackVerdict.NonCompliant(mismatches), at, Optional.empty());
    }

    /** A check whose verdict is unknown for the reason. */
    public void unknown(String ci, String pack, String version, Instant at, String reason) {
        store(ci, pack, version, new PackVerdict.Unknown(reason), at, Optional.empty());
    }

    private void store(String ci, String pack, String version, PackVerdict verdict, Instant at, Optional<UUID> job) {
        PackCheck check = new PackCheck(CiKey.of(ci), pack, version, verdict, TOOK, at, job);
        database.write(c -> {
            store.record(c, List.of(check));
            return null;
        });
    }
}
