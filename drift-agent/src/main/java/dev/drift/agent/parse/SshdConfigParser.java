package dev.drift.agent.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sshd_config} (and {@code sshd_config.d/*.conf}). Keywords are case-insensitive to sshd,
 * so each is reported with the spelling it has first in the file ({@code permitrootlogin no} after
 * {@code PermitRootLogin yes} is a second value of {@code PermitRootLogin}). Settings inside a
 * {@code Match} block apply only when the block matches, so they are keyed with the block's
 * criteria as a prefix: {@code Match User backup/PasswordAuthentication}; settings before the first
 * {@code Match} are keyed by the keyword alone. {@code Include} is kept as a setting.
 */
final class SshdConfigParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        Map<String, String> spelling = new HashMap<>();
        String block = "";
        for (String line : Lines.meaningful(content, "#")) {
            int end = keywordEnd(line);
            String keyword = line.substring(0, end);
            String value = line.substring(end).strip();
            if (value.startsWith("=")) {
                value = value.substring(1).strip();
            }
            String canonical = spelling.computeIfAbsent(keyword.toLowerCase(Locale.ROOT), k -> keyword);
            if (canonical.equalsIgnoreCase("match")) {
                block = canonical + " " + String.join(" ", Lines.words(value)) + "/";
            } else {
                settings.add(block + canonical, value);
            }
        }
        return settings.build();
    }

    private static int keywordEnd(String line) {
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') {
            i++;
        }
        return i;
    }
}
