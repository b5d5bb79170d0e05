package dev.drift.embedded.netbox;

/** A filter value NetBox would reject with 400 and {@code {"<parameter>": ["<message>"]}}. */
final class InvalidFilter extends RuntimeException {
    private final String parameter;

    InvalidFilter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
