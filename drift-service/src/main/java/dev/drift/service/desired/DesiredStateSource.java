package dev.drift.service.desired;

import dev.drift.service.model.CiKey;
import java.util.Map;

/**
 * The port through which the reconciler reads intent. Implementations: the file-backed source
 * (one YAML file per CI) and NetBox.
 *
 * <p>Contract: {@link #lookup(CiKey)} never returns null and never guesses. When the source cannot
 * answer (down, slow, rate-limited) it throws {@link dev.drift.service.system.DriftException.Retryable};
 * the reconciler then defers the CI and tries again, deciding nothing meanwhile. A source that
 * answers but cannot be understood throws {@link dev.drift.service.system.DriftException.Terminal}.
 */
public interface DesiredStateSource {

    DesiredLookup lookup(CiKey ci);

    /**
     * Every CI the source knows, with its desired state, read in as few calls as the source allows;
     * for sweeps. Same failure contract as {@link #lookup(CiKey)}: a source that cannot answer
     * throws {@link dev.drift.service.system.DriftException.Retryable}. A CI whose own definition is
     * malformed is left out rather than failing the whole sweep.
     */
    Map<CiKey, DesiredLookup> loadAll();

    /** A short name for logs and provenance ({@code file}, {@code netbox}). */
    String name();
}
