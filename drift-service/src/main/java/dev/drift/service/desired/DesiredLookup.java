package dev.drift.service.desired;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredState;
import java.util.Objects;

/** The outcome of asking a {@link DesiredStateSource} about one CI. */
public sealed interface DesiredLookup {

    /** The source knows the CI and monitors it. */
    record Managed(DesiredState state) implements DesiredLookup {
        public Managed {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The source does not know the CI: events for it are an unmanaged-CI drift, not an error. */
    record Unmanaged(CiKey ci) implements DesiredLookup {
    }

    /** The source knows the CI but drift detection is switched off for it: skip it entirely. */
    record Disabled(CiKey ci, String reason) implements DesiredLookup {
    }
}
