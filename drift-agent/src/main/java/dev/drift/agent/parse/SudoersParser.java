package dev.drift.agent.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sudoers} and {@code sudoers.d/*}: each rule is listed under the user or {@code %group} it
 * is for ({@code "%sudo": ["ALL=(ALL:ALL) ALL"]}); {@code Defaults} lines under {@code Defaults}
 * (or {@code Defaults:alice}, {@code Defaults>root}, ...); alias definitions under their kind
 * ({@code "User_Alias": ["ADMINS = alice, bob"]}); {@code #include}, {@code @include},
 * {@code #includedir} and {@code @includedir} under that directive. All are lists. Lines ending in
 * a backslash continue on the next.
 */
final class SudoersParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : joinContinuations(content)) {
            if (isInclude(line)) {
                String[] words = Lines.words(line);
                settings.addToList(words[0], line.substring(words[0].length()).strip());
            } else if (!isComment(line)) {
                String[] words = Lines.words(line);
                if (words.length > 1) {
                    settings.addToList(words[0], line.substring(words[0].length()).strip());
                }
            }
        }
        return settings.build();
    }

    /** {@code #} starts a comment, except {@code #1000} (a uid) and the include directives. */
    private static boolean isComment(String line) {
        return line.startsWith("#") && !(line.length() > 1 && Character.isDigit(line.charAt(1)));
    }

    private static boolean isInclude(String line) {
        return line.matches("[#@]include(dir)?\\s.*");
    }

    private static List<String> joinContinuations(String content) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : content.lines().toList()) {
            String line = raw.strip();
            if (line.endsWith("\\")) {
                current.append(line.substring(0, line.length() - 1).strip()).append(" ");
                continue;
            }
            current.append(line);
            String joined = current.toString().strip();
            current.setLength(0);
            if (!joined.isEmpty()) {
                lines.add(joined);
            }
        }
        return lines;
    }
}
