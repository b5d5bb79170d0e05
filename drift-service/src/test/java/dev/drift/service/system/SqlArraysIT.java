package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.support.ServiceIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text columns bound by {@link SqlArrays} reach PostgreSQL unchanged, whatever characters they hold. */
@MicronautTest(transactional = false)
class SqlArraysIT extends ServiceIT {
    private static final List<String> AWKWARD = Arrays.asList("plain", "say \"hi\"", "C:\\dir\\", "{a,b}", "",
            null, "NULL", " spaced ", "line\nbreak\ttab", "ünïcødé ✓ 😀", "{\"json\": [1, \"\\\\u0041\"]}");

    @Inject
    Database database;

    @Test
    void everyValueComesBackAsItWasSentInOrder() {
        SqlArrays rows = SqlArrays.of("text", "int4");
        for (int i = 0; i < AWKWARD.size(); i++) {
            rows.add(AWKWARD.get(i), i);
        }

        List<String> back = database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select t from unnest(?::text[], ?::int4[]) as u(t, n) order by n")) {
                rows.bind(c, ps, 1);
                List<String> values = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
                return values;
            }
        });

        assertThat(back).containsExactlyElementsOf(AWKWARD);
    }

    @Test
    void aTextArrayNeedsNoCastInTheStatement() {
        SqlArrays rows = SqlArrays.text(1);
        rows.add("a");
        rows.add("b\"c");

        Integer length = database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select cardinality(?)")) {
                rows.bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });

        assertThat(length).isEqualTo(2);
    }
}
