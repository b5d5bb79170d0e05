package dev.drift.service.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /drift/openapi.yaml}: the API contract ({@code openapi/drift-api.yaml}, copied onto
 * the classpath by the build). Under {@code /drift}, so it needs a viewer token like every other
 * read: the contract describes what a client may do, and only clients need it.
 */
@Controller("/drift/openapi.yaml")
final class ContractController {
    static final String RESOURCE = "drift/drift-api.yaml";
    private static final String YAML = "application/yaml";

    private final byte[] contract;

    ContractController() {
        this.contract = load();
    }

    @Get(produces = YAML)
    byte[] contract() {
        return contract;
    }

    /** A missing contract is a build defect, so it fails at startup rather than on the first request. */
    private static byte[] load() {
        try (InputStream in = ContractController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("API contract not on the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
