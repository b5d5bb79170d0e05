package dev.drift.agent.parse;

/**
 * {@code /etc/group}: group name to {@code gid:member,member}, e.g. {@code "sudo": "27:alice,bob"}
 * (no members: {@code "27:"}). The password field is left out.
 */
final class GroupParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4) {
                settings.add(f[0], f[2] + ":" + f[3]);
            }
        }
        return settings.build();
    }
}
