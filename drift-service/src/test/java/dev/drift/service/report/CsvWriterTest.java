package dev.drift.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void headerThenRecordsEachEndingWithCrlf() {
        StringBuilder out = new StringBuilder();

        new CsvWriter(out, List.of("ci_id", "field")).record(List.of("web-01", "power_state"));

        assertThat(out).hasToString("ci_id,field\r\nweb-01,power_state\r\n");
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaksDoublingQuotes() {
        StringBuilder out = new StringBuilder();

        new CsvWriter(out, List.of("a", "b", "c", "d"))
                .record(List.of("2, \"auto\"", "line\nbreak", "cr\rhere", "plain text"));

        assertThat(out).hasToString("a,b,c,d\r\n\"2, \"\"auto\"\"\",\"line\nbreak\",\"cr\rhere\",plain text\r\n");
    }

    @Test
    void nullIsAnEmptyFieldAndEmptyStaysEmpty() {
        StringBuilder out = new StringBuilder();

        new CsvWriter(out, List.of("a", "b", "c")).record(Arrays.asList(null, "", "x"));

        assertThat(out).hasToString("a,b,c\r\n,,x\r\n");
    }

    @Test
    void recordOfTheWrongWidthIsRefused() {
        CsvWriter writer = new CsvWriter(new StringBuilder(), List.of("a", "b"));

        assertThatThrownBy(() -> writer.record(List.of("only one"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 fields");
    }
}
