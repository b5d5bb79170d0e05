package dev.drift.service.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.postgresql.util.PGobject;

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

    /**
     * Binds every column as an array parameter, starting at parameter {@code first}. Text columns are
     * sent as array literals built here: the driver's own encoding appends and escapes them one
     * character at a time, which took a fifth of the ingest thread's CPU on batches of JSON payloads.
     */
    public void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (types.get(i).equals("text")) {
                statement.setObject(first + i, textArray(columns.get(i)));
            } else {
                statement.setArray(first + i, connection.createArrayOf(types.get(i), columns.get(i).toArray()));
            }
        }
    }

    /** A {@code text[]} parameter holding the values (their {@code toString()}; null stays null). */
    private static PGobject textArray(List<?> values) throws SQLException {
        PGobject array = new PGobject();
        array.setType("text[]");
        array.setValue(textArrayLiteral(values));
        return array;
    }

    /**
     * The PostgreSQL array literal of the values: every element double-quoted with {@code "} and
     * {@code \} escaped by a backslash, null as an unquoted {@code NULL}.
     */
    static String textArrayLiteral(List<?> values) {
        int size = 2;
        for (Object v : values) {
            size += v == null ? 5 : v.toString().length() + 3;
        }
        StringBuilder literal = new StringBuilder(size + size / 8);
        literal.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                literal.append("NULL");
            } else {
                appendQuoted(literal, v.toString());
            }
        }
        return literal.append('}').toString();
    }

    private static void appendQuoted(StringBuilder literal, String s) {
        literal.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                literal.append(s, from, i).append('\\');
                from = i;
            }
        }
        literal.append(s, from, s.length()).append('"');
    }
}
