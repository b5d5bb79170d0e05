package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one stream's payload, already valid against that stream's schema, into what it says about
 * a CI's fields. Mappers are stateless and therefore safe to share between threads.
 */
interface EventMapper {

    Mapping map(JsonNode payload);

    /** Field observations and complete-report claims of one event. */
    record Mapping(List<FieldObservation> observations, List<Coverage> coverage) {
        public Mapping {
            observations = List.copyOf(observations);
            coverage = List.copyOf(coverage);
        }
    }

    /** Collects a mapping; skips members the payload does not carry so mappers stay linear. */
    final class MappingBuilder {
        private final List<FieldObservation> observations = new ArrayList<>();
        private final List<Coverage> coverage = new ArrayList<>();

        MappingBuilder value(FieldPath path, FieldValue value) {
            observations.add(FieldObservation.value(path, value));
            return this;
        }

        MappingBuilder unknown(FieldPath path, String reason) {
            observations.add(FieldObservation.unknown(path, reason));
            return this;
        }

        /** Adds the member as text when it is a scalar; a missing or null member says nothing. */
        MappingBuilder text(FieldPath path, JsonNode member) {
            if (isScalar(member)) {
                value(path, new FieldValue.Text(member.asText()));
            }
            return this;
        }

        /** Adds the member as a number when it is numeric. */
        MappingBuilder number(FieldPath path, JsonNode member) {
            if (member != null && member.isNumber()) {
                value(path, new FieldValue.Number(member.decimalValue()));
            }
            return this;
        }

        /** Adds a list of scalars as items, in the order reported. */
        MappingBuilder items(FieldPath path, JsonNode member) {
            if (member != null && member.isArray()) {
                List<String> values = new ArrayList<>();
                member.forEach(item -> values.add(item.asText()));
                value(path, new FieldValue.Items(values));
            }
            return this;
        }

        MappingBuilder covers(String pathPrefix) {
            coverage.add(new Coverage(pathPrefix));
            return this;
        }

        Mapping build() {
            return new Mapping(observations, coverage);
        }
    }

    static boolean isScalar(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull();
    }

    /** Whether a text can be a key of a {@link FieldPath} segment, which brackets would break. */
    static boolean isPathKey(String key) {
        return !key.isEmpty() && key.indexOf('[') < 0 && key.indexOf(']') < 0;
    }
}
