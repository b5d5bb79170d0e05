package dev.drift.service.compliance;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A package version ordered as dpkg orders them ({@code [epoch:]upstream[-revision]}), which also
 * orders rpm's {@code version-release} sensibly. Exists because drift's package normalizer only
 * tells equal from different, while a minimum version needs an order: {@code 1:8.9p1-3ubuntu0.10}
 * is newer than {@code 1:8.9p1-3ubuntu0.7}, and {@code 1.0~rc1} is older than {@code 1.0}.
 *
 * <p>A missing epoch is {@code 0}; a missing revision equals {@code 0}. Parts are compared in runs:
 * non-digits character by character (letters before other symbols, {@code ~} before everything,
 * even the end), digits numerically.
 */
record DebianVersion(BigInteger epoch, String upstream, String revision) implements Comparable<DebianVersion> {
    private static final Pattern EPOCH = Pattern.compile("[0-9]+");
    private static final Pattern UPSTREAM = Pattern.compile("[A-Za-z0-9.+~_:-]+");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9.+~_]+");

    DebianVersion {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(revision, "revision");
    }

    /** Reads a version; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static DebianVersion parse(String text) {
        String version = text.strip();
        int colon = version.indexOf(':');
        String epoch = colon < 0 ? "0" : version.substring(0, colon);
        String rest = version.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        if (!EPOCH.matcher(epoch).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: the epoch must be a number");
        }
        if (!UPSTREAM.matcher(upstream).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: empty or unexpected characters");
        }
        if (dash >= 0 && !REVISION.matcher(revision).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: bad revision after the last '-'");
        }
        return new DebianVersion(new BigInteger(epoch), upstream, revision);
    }

    @Override
    public int compareTo(DebianVersion other) {
        int byEpoch = epoch.compareTo(other.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = compareParts(upstream, other.upstream);
        return byUpstream != 0 ? byUpstream : compareParts(revision, other.revision);
    }

    /** dpkg's {@code verrevcmp}. */
    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isDigit(a, i) || j < b.length() && !isDigit(b, j)) {
                int diff = order(a, i) - order(b, j);
                if (diff != 0) {
                    return diff;
                }
                i++;
                j++;
            }
            int startA = skipZeros(a, i);
            int startB = skipZeros(b, j);
            i = endOfDigits(a, startA);
            j = endOfDigits(b, startB);
            int byNumber = compareDigits(a.substring(startA, i), b.substring(startB, j));
            if (byNumber != 0) {
                return byNumber;
            }
        }
        return 0;
    }

    /** The weight of a character in a non-digit run; the end of the string and digits weigh 0. */
    private static int order(String s, int index) {
        if (index >= s.length() || isDigit(s, index)) {
            return 0;
        }
        char c = s.charAt(index);
        if (Character.isLetter(c)) {
            return c;
        }
        return c == '~' ? -1 : c + 256;
    }

    private static int compareDigits(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static boolean isDigit(String s, int index) {
        char c = s.charAt(index);
        return c >= '0' && c <= '9';
    }

    private static int skipZeros(String s, int index) {
        int i = index;
        while (i < s.length() && s.charAt(i) == '0') {
            i++;
        }
        return i;
    }

    private static int endOfDigits(String s, int index) {
        int i = index;
        while (i < s.length() && isDigit(s, i)) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        String withEpoch = epoch.signum() == 0 ? upstream : epoch + ":" + upstream;
        return revision.isEmpty() ? withEpoch : withEpoch + "-" + revision;
    }
}
