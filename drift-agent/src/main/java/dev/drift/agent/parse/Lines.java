package dev.drift.agent.parse;

import java.util.List;

/** Line splitting shared by the parsers. */
final class Lines {
    private Lines() {
    }

    /** The stripped lines that are neither blank nor start with one of the comment characters. */
    static List<String> meaningful(String content, String commentChars) {
        return content.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && commentChars.indexOf(line.charAt(0)) < 0)
                .toList();
    }

    /** The text before an unquoted comment character, stripped. */
    static String beforeComment(String line, char comment) {
        int at = line.indexOf(comment);
        return (at < 0 ? line : line.substring(0, at)).strip();
    }

    /** Splits on whitespace after stripping. */
    static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
