package dev.drift.agent.parse;

/**
 * {@code /etc/passwd} as a user list: user name to {@code uid:gid:home:shell}. The password field
 * ({@code x}, or a legacy hash) and the GECOS comment are left out.
 */
final class PasswdParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7) {
                settings.add(f[0], f[2] + ":" + f[3] + ":" + f[5] + ":" + f[6]);
            }
        }
        return settings.build();
    }
}
