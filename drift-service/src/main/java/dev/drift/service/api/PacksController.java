package dev.drift.service.api;

import dev.drift.service.compliance.PackDetail;
import dev.drift.service.compliance.PackListing;
import dev.drift.service.compliance.PackLoader;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The compliance packs loaded from the packs directory: {@code GET /drift/packs} lists them with the
 * problems of the files that did not load, {@code GET /drift/packs/{name}} shows one with its items
 * (404 problem when no pack of that name is loaded), and {@code POST /drift/packs/reload} reads the
 * directory again and answers with the new list; the next sweep judges machines by it.
 */
@Controller("/drift/packs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PacksController {
    private final PackLoader packs;

    PacksController(PackLoader packs) {
        this.packs = packs;
    }

    @Get
    PackListing list() {
        return PackListing.of(packs.catalog());
    }

    @Get("/{name}")
    PackDetail get(@PathVariable String name) {
        return PackDetail.of(packs.catalog(), name)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no pack " + name + " is loaded"));
    }

    @Post("/reload")
    PackListing reload() {
        return PackListing.of(packs.reload());
    }
}
