package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.drift.service.api.Contract.Operation;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends requests for contract operations and holds every answer to the contract: its status must be
 * one the operation lists, and its body must conform to the schema the contract gives for that
 * status and media type. Remembers which operations were exercised.
 */
final class ContractClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Contract contract;
    private final BlockingHttpClient http;
    private final Set<Operation> exercised = ConcurrentHashMap.newKeySet();

    ContractClient(Contract contract, BlockingHttpClient http) {
        this.contract = contract;
        this.http = http;
    }

    /** One answer: status, media type without parameters (null without a body), body text. */
    record Answer(int status, String mediaType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    /**
     * Sends the request as the given contract operation ({@code "POST /drift/policies"}) and checks
     * the answer against the contract.
     */
    Answer send(String operation, MutableHttpRequest<?> request) {
        Operation op = parse(operation);
        Answer answer = exchange(request);
        exercised.add(op);
        assertThat(contract.statuses(op)).as("statuses of %s for %s -> %s", op, request.getUri(), answer.body())
                .contains(answer.status());
        conforms(op, answer);
        return answer;
    }

    /** Like {@link #send} and asserts the status. */
    Answer expect(int status, String operation, MutableHttpRequest<?> request) {
        Answer answer = send(operation, request);
        assertThat(answer.status()).as("%s %s -> %s", request.getMethod(), request.getUri(), answer.body())
                .isEqualTo(status);
        return answer;
    }

    Set<Operation> exercised() {
        return new TreeSet<>(exercised);
    }

    private void conforms(Operation op, Answer answer) {
        Set<String> types = contract.mediaTypes(op, answer.status());
        if (types.isEmpty()) {
            assertThat(answer.body()).as("%s %d has no body in the contract", op, answer.status()).isEmpty();
            return;
        }
        assertThat(types).as("media types of %s %d", op, answer.status()).contains(answer.mediaType());
        JsonNode body = answer.mediaType().endsWith("json") ? answer.json() : TextNode.valueOf(answer.body());
        assertThat(contract.violations(op, answer.status(), answer.mediaType(), body))
                .as("%s %d %s: %s", op, answer.status(), answer.mediaType(), answer.body()).isEmpty();
    }

    private Answer exchange(MutableHttpRequest<?> request) {
        try {
            return answer(http.exchange(request, Argument.STRING, Argument.STRING));
        } catch (HttpClientResponseException e) {
            return answer(e.getResponse());
        }
    }

    private static Answer answer(HttpResponse<?> response) {
        String type = response.getContentType().map(ContractClient::withoutParameters).orElse(null);
        return new Answer(response.getStatus().getCode(), type, response.getBody(String.class).orElse(""));
    }

    private static String withoutParameters(MediaType type) {
        return type.getType() + "/" + type.getSubtype();
    }

    private static Operation parse(String operation) {
        String[] parts = operation.split(" ", 2);
        return new Operation(parts[0], parts[1]);
    }
}
