package dev.drift.service.actions.slack;

import dev.drift.service.actions.Notice;
import dev.drift.service.actions.NoticeKind;
import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a digest message says about the notices it covers, whatever the channel renders it as.
 *
 * @param notices    how many notices it covers
 * @param machines   how many distinct CIs they are about
 * @param kinds      notices per kind, in {@link NoticeKind} order
 * @param severities notices per severity, most severe first
 * @param listed     the notices shown one per line (the first {@code maxDigestLines})
 * @param more       how many are not listed
 * @param listLink   the drift list the digest points to
 */
record Digest(int notices, long machines, Map<NoticeKind, Long> kinds, Map<Severity, Long> severities,
              List<Notice> listed, int more, URI listLink) {
    private static final String CI_VIEW = "/ui/cis/";

    static Digest of(List<Notice> covers, int maxLines) {
        List<Notice> listed = covers.subList(0, Math.min(maxLines, covers.size()));
        return new Digest(covers.size(), covers.stream().map(Notice::ciId).distinct().count(),
                count(covers, Notice::kind, new EnumMap<>(NoticeKind.class)),
                count(covers, Notice::severity, new TreeMap<>(Comparator.reverseOrder())),
                List.copyOf(listed), covers.size() - listed.size(), listLink(covers));
    }

    /** "500 drifts detected on 12 machines", or with mixed kinds "7 drift notices on 3 machines: 5 opened, 2 resolved". */
    String headline() {
        String drifts = notices + (notices == 1 ? " drift " : " drifts ");
        String onMachines = " on " + machines + (machines == 1 ? " machine" : " machines");
        if (kinds.size() == 1) {
            return drifts + verb(kinds.keySet().iterator().next()) + onMachines;
        }
        String perKind = kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wireName())
                .collect(Collectors.joining(", "));
        return notices + " drift notices" + onMachines + ": " + perKind;
    }

    /** "3 critical, 497 warning". */
    String severitySummary() {
        return severities.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wireName())
                .collect(Collectors.joining(", "));
    }

    /** "• web-01 — file[/etc/motd] (warning)", with the kind added when the digest mixes kinds. */
    String line(Notice notice, UnaryOperator<String> escape) {
        String kind = kinds.size() > 1 ? ", " + notice.kind().wireName() : "";
        return "• " + escape.apply(Labels.machine(notice)) + " — " + escape.apply(notice.subject()) + " ("
                + notice.severity().wireName() + kind + ")";
    }

    /** "…and 480 more", or empty when every notice is listed. */
    String moreLine() {
        return more == 0 ? "" : "…and " + more + " more";
    }

    private static String verb(NoticeKind kind) {
        return switch (kind) {
            case OPENED -> "detected";
            case RESOLVED -> "resolved";
            case ESCALATED -> "escalated";
            case REMINDER -> "still open";
        };
    }

    /**
     * The drift list on the same server as the first notice's diff link (keeping a path prefix before
     * {@code /drift/cis/}): open drifts, or resolved ones when the digest only tells resolutions.
     */
    private static URI listLink(List<Notice> covers) {
        URI link = covers.getFirst().link();
        String path = link.getPath() == null ? "" : link.getPath();
        String prefix = path.contains(CI_VIEW) ? path.substring(0, path.indexOf(CI_VIEW)) : "";
        boolean allResolved = covers.stream().allMatch(n -> n.kind() == NoticeKind.RESOLVED);
        try {
            return new URI(link.getScheme(), null, link.getHost(), link.getPort(), prefix + "/ui/",
                    null, "/events?status=" + (allResolved ? "resolved" : "open"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("notice link has no usable server: " + link, e);
        }
    }

    private static <K> Map<K, Long> count(List<Notice> covers, Function<Notice, K> key,
                                          Map<K, Long> into) {
        covers.forEach(n -> into.merge(key.apply(n), 1L, Long::sum));
        return into;
    }
}
