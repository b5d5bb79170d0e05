package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code text[]} literal {@link SqlArrays} builds in place of the driver's encoding. */
class SqlArraysTest {

    @Test
    void quotesEveryElementAndEscapesQuotesAndBackslashes() {
        String literal = SqlArrays.textArrayLiteral(List.of("plain", "say \"hi\"", "C:\\dir\\", "{a,b}", ""));

        assertThat(literal).isEqualTo("{\"plain\",\"say \\\"hi\\\"\",\"C:\\\\dir\\\\\",\"{a,b}\",\"\"}");
    }

    @Test
    void nullIsUnquotedAndTheWordNullIsQuoted() {
        assertThat(SqlArrays.textArrayLiteral(Arrays.asList(null, "NULL"))).isEqualTo("{NULL,\"NULL\"}");
    }

    @Test
    void numbersAreWrittenAsText() {
        assertThat(SqlArrays.textArrayLiteral(List.of(1, 2.5))).isEqualTo("{\"1\",\"2.5\"}");
    }

    @Test
    void anEmptyColumnIsAnEmptyArray() {
        assertThat(SqlArrays.textArrayLiteral(List.of())).isEqualTo("{}");
    }
}
