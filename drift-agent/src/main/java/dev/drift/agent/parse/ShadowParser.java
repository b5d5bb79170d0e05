package dev.drift.agent.parse;

/**
 * {@code /etc/shadow} as a user list without secrets: user name to {@code locked} (the hash field
 * starts with {@code !} or {@code *}), {@code no password} (empty field) or {@code password set}.
 * The hash itself is never part of the settings, which is why these may leave the node although
 * the file is sensitive.
 */
final class ShadowParser implements SettingsParser {
    static final String LOCKED = "locked";
    static final String NO_PASSWORD = "no password";
    static final String PASSWORD_SET = "password set";

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#")) {
            String[] f = line.split(":", -1);
            if (f.length >= 2) {
                settings.add(f[0], state(f[1]));
            }
        }
        return settings.build();
    }

    private static String state(String hash) {
        if (hash.isEmpty()) {
            return NO_PASSWORD;
        }
        return hash.startsWith("!") || hash.startsWith("*") ? LOCKED : PASSWORD_SET;
    }

    @Override
    public boolean safeWhenSensitive() {
        return true;
    }
}
