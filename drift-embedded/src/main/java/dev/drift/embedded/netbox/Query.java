package dev.drift.embedded.netbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/** The query string of a request, read as Django does: repeated parameters keep every value. */
record Query(HttpUrl url) {

    List<String> values(String name) {
        return url.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList();
    }

    String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    List<String> names() {
        return List.copyOf(url.queryParameterNames());
    }

    /**
     * The request URL with {@code limit} and {@code offset} replaced (a null offset removes it), the
     * parameters sorted by name, as Django REST framework's {@code replace_query_param} writes
     * {@code next} and {@code previous}.
     */
    String withPage(int limit, Integer offset) {
        Map<String, List<String>> params = new TreeMap<>();
        for (String name : url.queryParameterNames()) {
            params.put(name, new ArrayList<>(values(name)));
        }
        params.put("limit", List.of(Integer.toString(limit)));
        if (offset == null) {
            params.remove("offset");
        } else {
            params.put("offset", List.of(Integer.toString(offset)));
        }
        HttpUrl.Builder builder = url.newBuilder().query(null);
        params.forEach((name, values) -> values.forEach(value -> builder.addQueryParameter(name, value)));
        return builder.build().toString();
    }
}
