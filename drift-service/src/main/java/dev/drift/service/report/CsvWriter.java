package dev.drift.service.report;

import java.util.List;
import java.util.Objects;

/**
 * Writes RFC 4180 CSV: records end with CRLF; a field containing a comma, a double quote, CR or LF
 * is enclosed in double quotes, with its double quotes doubled; other fields are written as they
 * are. A null field is written empty.
 */
public final class CsvWriter {
    private static final String CRLF = "\r\n";

    private final StringBuilder out;
    private final int columns;

    /** A writer whose first record is the header. */
    public CsvWriter(StringBuilder out, List<String> header) {
        this.out = Objects.requireNonNull(out, "out");
        this.columns = header.size();
        record(header);
    }

    /** Appends one record; it must have as many fields as the header. */
    public CsvWriter record(List<String> fields) {
        if (fields.size() != columns) {
            throw new IllegalArgumentException("a record has " + columns + " fields, not " + fields.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(fields.get(i));
        }
        out.append(CRLF);
        return this;
    }

    private void field(String value) {
        if (value == null) {
            return;
        }
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
