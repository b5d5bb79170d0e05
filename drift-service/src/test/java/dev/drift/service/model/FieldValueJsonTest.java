package dev.drift.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValueJsonTest {

    @Test
    void roundTripsEveryKindOfValue() {
        for (FieldValue v : List.of(FieldValue.text("on"), new FieldValue.Number(new BigDecimal("8192")),
                new FieldValue.Items(List.of("10.0.0.5/24", "10.0.0.6/24")), FieldValue.absent())) {
            assertThat(FieldValueJson.fromJsonText(FieldValueJson.toJsonText(v))).isEqualTo(v);
        }
    }

    @Test
    void absentIsJsonNull() {
        assertThat(FieldValueJson.toJsonText(FieldValue.absent())).isEqualTo("null");
    }

    @Test
    void objectsAreNotFieldValues() {
        assertThatThrownBy(() -> FieldValueJson.fromJsonText("{\"a\":1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
