package dev.drift.embedded.netbox;

import java.util.Locale;

/** Slugs as NetBox's slug field fills them in: lower case, runs of other characters become one dash. */
final class Slugs {
    private Slugs() {
    }

    static String slugify(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-");
        return slug.replaceAll("^-+|-+$", "");
    }

    /** NetBox choice labels for the values drift uses: the value with its first letter capitalized. */
    static String label(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }
}
