package dev.drift.service.system;

/**
 * Input from a client (an API body, a query parameter) is not valid. The message starts with the
 * member at fault ({@code match.fields[2]: must be a string}) and is meant for the client: API
 * controllers answer it with a 400 problem.
 */
public class InvalidInput extends DriftException.Terminal {
    public InvalidInput(String member, String problem) {
        super(member + ": " + problem);
    }
}
