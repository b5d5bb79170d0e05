package dev.drift.embedded.netbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts every NetBox 4.2 object shares: absolute {@code url} and {@code display_url}, brief nested
 * objects, {@code {value, label}} choices, tags and RFC 3339 times. One instance per request, because
 * NetBox builds absolute URLs from the host the request was sent to.
 */
class Render {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    final String base;
    final NetBoxStore store;

    /** @param base the NetBox root, ending in a slash ("http://127.0.0.1:8080/") */
    Render(String base, NetBoxStore store) {
        this.base = base;
        this.store = store;
    }

    /** Starts an object with id, url, display_url and display, in NetBox's field order. */
    Map<String, Object> head(String uiPath, int id, String display) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("url", base + "api/" + uiPath + id + "/");
        json.put("display_url", base + uiPath + id + "/");
        json.put("display", display);
        return json;
    }

    /** A brief nested object; a null ref renders as JSON null. */
    Map<String, Object> brief(BriefRef ref, String uiPath, boolean hasSlug) {
        if (ref == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ref.id());
        json.put("url", base + "api/" + uiPath + ref.id() + "/");
        json.put("display", ref.name());
        json.put("name", ref.name());
        if (hasSlug) {
            json.put("slug", ref.slug());
        }
        json.put("description", "");
        return json;
    }

    /** A choice field; NetBox renders a blank choice as null. */
    static Map<String, Object> choice(String value) {
        return choice(value, Slugs.label(value));
    }

    static Map<String, Object> choice(Object value, String label) {
        if ("".equals(value)) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("label", label);
        return json;
    }

    List<Map<String, Object>> tags(List<String> names) {
        return names.stream().map(this::tag).toList();
    }

    private Map<String, Object> tag(String name) {
        Map<String, Object> json = head("extras/tags/", store.tagId(name), name);
        json.put("name", name);
        json.put("slug", Slugs.slugify(name));
        json.put("color", "9e9e9e");
        return json;
    }

    /** Times as Django REST framework writes them: UTC with Z, microseconds only when non-zero. */
    static String time(Instant instant) {
        int micros = instant.getNano() / 1000;
        String fraction = micros == 0 ? "" : String.format(".%06d", micros);
        return SECONDS.format(instant) + fraction + "Z";
    }

    /** Puts {@code created} and {@code last_updated}. */
    static void times(Map<String, Object> json, Stored<?> stored) {
        json.put("created", time(stored.created()));
        json.put("last_updated", time(stored.lastUpdated()));
    }
}
