package dev.drift.agent.parse;

/**
 * {@code /etc/hosts}: the key is the address, the value its names (canonical name first, then
 * aliases), so {@code 127.0.1.1 web01.example.org web01} gives
 * {@code "127.0.1.1": ["web01.example.org", "web01"]}. An address on several lines gets all their
 * names. Keyed by address rather than name because that is how the file is written and edited:
 * one line per address.
 */
final class HostsParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#")) {
            String[] words = Lines.words(Lines.beforeComment(line, '#'));
            for (int i = 1; i < words.length; i++) {
                settings.add(words[0], words[i]);
            }
        }
        return settings.build();
    }
}
