package dev.drift.service.security;

import io.micronaut.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which requests need a token, and the least role each one needs. Pure: the filter applies it,
 * tests read it.
 *
 * <p>Paths are compared in a normal form (percent-decoded, lower case, repeated and trailing slashes
 * removed) so that spelling a path differently never lowers the role it needs; a path with a
 * {@code .} or {@code ..} segment, which might resolve to another one, is guarded and needs admin.
 *
 * <p>Reads ({@code GET}, {@code HEAD}) need {@link Role#VIEWER}, except tokens, which only admins
 * see. Acting on drift needs {@link Role#OPERATOR}: acknowledging or remediating an event, asking
 * for a reconcile, and changing exceptions or change windows. Everything else that changes state (policies, tokens,
 * reloading compliance packs, and whatever is added later without a rule here) needs {@link Role#ADMIN}: a new
 * endpoint is safe until someone decides otherwise.
 */
final class AccessRules {
    private static final String ROOT = "/drift";
    /** Signed with its own HMAC by NetBox, which cannot send a bearer token. */
    private static final String NETBOX_WEBHOOK = "/drift/webhooks/netbox";
    private static final Pattern SLASHES = Pattern.compile("/{2,}");
    private static final Pattern EVENT_ACTION = Pattern.compile("/drift/events/[^/]+/(acknowledge|remediate)");
    private static final List<String> OPERATOR_TREES = List.of("/drift/reconcile", "/drift/exceptions",
            "/drift/changes");
    private static final String TOKENS = "/drift/tokens";

    private AccessRules() {
    }

    /** Whether a request to the path needs a bearer token: everything under {@code /drift} but the webhook. */
    static boolean guards(String path) {
        String p = normal(path);
        return (within(p, ROOT) || hasDotSegment(p)) && !p.equals(NETBOX_WEBHOOK);
    }

    /** The least role that may send the method to the (guarded) path. */
    static Role required(HttpMethod method, String path) {
        String p = normal(path);
        if (within(p, TOKENS) || hasDotSegment(p)) {
            return Role.ADMIN;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Role.VIEWER;
        }
        if (EVENT_ACTION.matcher(p).matches() && method == HttpMethod.POST
                || OPERATOR_TREES.stream().anyMatch(tree -> within(p, tree))) {
            return Role.OPERATOR;
        }
        return Role.ADMIN;
    }

    static String normal(String path) {
        String p = SLASHES.matcher(decoded(path == null ? "" : path)).replaceAll("/").toLowerCase(Locale.ROOT);
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Decoding never shortens the fixed prefixes the rules look at, so decoding twice is harmless. */
    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static boolean within(String path, String tree) {
        return path.equals(tree) || path.startsWith(tree + "/");
    }

    private static boolean hasDotSegment(String path) {
        return path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..");
    }
}
