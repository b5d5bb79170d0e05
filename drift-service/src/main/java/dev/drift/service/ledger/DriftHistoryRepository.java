package dev.drift.service.ledger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Reads the audit trail; writes go through {@link DriftLedger} only (the table is append-only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DriftHistoryRepository extends GenericRepository<DriftHistoryEntry, Long> {

    List<DriftHistoryEntry> findByDriftIdOrderById(UUID driftId);
}
