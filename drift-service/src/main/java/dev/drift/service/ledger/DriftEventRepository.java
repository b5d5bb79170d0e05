package dev.drift.service.ledger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;
import java.util.Optional;
import java.util.UUID;

/** Read access to drift events for the API; filtered lists through specifications. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DriftEventRepository extends GenericRepository<DriftEventRecord, UUID>,
        JpaSpecificationExecutor<DriftEventRecord> {

    Optional<DriftEventRecord> findById(UUID id);
}
