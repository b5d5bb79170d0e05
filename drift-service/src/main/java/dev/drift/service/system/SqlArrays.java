package dev.drift.service.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column buffers for set-based statements: rows are collected column by column and bound as
 * PostgreSQL arrays, so that a whole batch is one {@code insert ... select from unnest(...)} or
 * {@code update ... from unnest(...)} instead of one statement per row.
 */
public final class SqlArrays {
    private final List<String> types;
    private final List<List<Object>> columns = new ArrayList<>();
    private int rows;

    private SqlArrays(List<String> types) {
        this.types = types;
        for (int i = 0; i < types.size(); i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** Columns of the given PostgreSQL element types ({@code text}, {@code int4}, ...). */
    public static SqlArrays of(String... types) {
        return new SqlArrays(List.of(types));
    }

    /** Text columns only. */
    public static SqlArrays text(int columnCount) {
        return new SqlArrays(Collections.nCopies(columnCount, "text"));
    }

    /** Adds one row: values in column order (strings, numbers or null). */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
        rows++;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Binds every column as an array parameter, starting at parameter {@code first}. */
    public void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            statement.setArray(first + i, connection.createArrayOf(types.get(i), columns.get(i).toArray()));
        }
    }
}
