package dev.drift.agent.parse;

import java.util.Set;

/**
 * {@code resolv.conf}: {@code nameserver}, {@code search}, {@code options} and {@code sortlist} are
 * always lists (one entry per server, domain or option, in order), {@code domain} and any other
 * keyword a single value (a list if repeated). Comments start with {@code #} or {@code ;}.
 */
final class ResolvConfParser implements SettingsParser {
    private static final Set<String> WORD_LISTS = Set.of("search", "options", "sortlist");

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#;")) {
            String[] words = Lines.words(line);
            String keyword = words[0];
            if (keyword.equals("nameserver") && words.length > 1) {
                settings.addToList(keyword, words[1]);
            } else if (WORD_LISTS.contains(keyword)) {
                for (int i = 1; i < words.length; i++) {
                    settings.addToList(keyword, words[i]);
                }
            } else if (words.length > 1) {
                settings.add(keyword, line.substring(keyword.length()).strip());
            }
        }
        return settings.build();
    }
}
