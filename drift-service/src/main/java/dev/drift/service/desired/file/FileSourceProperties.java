package dev.drift.service.desired.file;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * The file-backed desired-state source.
 *
 * @param directory folder with one {@code <ci-id>.yaml} per CI (env {@code DRIFT_DESIRED_DIR})
 */
@ConfigurationProperties("drift.desired.file")
record FileSourceProperties(@NotBlank String directory) {
}
