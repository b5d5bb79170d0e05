package dev.drift.service.policy;

import dev.drift.service.system.DriftException;
import java.util.UUID;

/**
 * Why a policy could not be read, written or deleted. Never retryable: the same request fails the
 * same way. The message is meant for the client and names the offending member where there is one.
 */
public abstract sealed class PolicyException extends DriftException.Terminal
        permits PolicyException.Invalid, PolicyException.NotFound, PolicyException.Conflict {

    PolicyException(String message) {
        super(message);
    }

    /** The policy as given is not valid; the message starts with the member at fault. */
    public static final class Invalid extends PolicyException {
        public Invalid(String member, String problem) {
            super(member + ": " + problem);
        }
    }

    /** There is no policy with the id. */
    public static final class NotFound extends PolicyException {
        public NotFound(UUID id) {
            super("no policy " + id);
        }
    }

    /** The change conflicts with stored policies: a name already used, the default policy deleted. */
    public static final class Conflict extends PolicyException {
        public Conflict(String message) {
            super(message);
        }
    }
}
