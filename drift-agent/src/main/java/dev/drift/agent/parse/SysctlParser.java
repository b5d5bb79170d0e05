package dev.drift.agent.parse;

/**
 * {@code sysctl.conf} and {@code sysctl.d/*.conf}: {@code key = value} lines, comments with
 * {@code #} or {@code ;}. A leading {@code -} (ignore errors) is dropped, and a key written with
 * slashes ({@code net/ipv4/ip_forward}) is reported with dots, as sysctl itself treats both alike.
 */
final class SysctlParser implements SettingsParser {

    @Override
    public Settings parse(String content) {
        Settings.Builder settings = Settings.builder();
        for (String line : Lines.meaningful(content, "#;")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.startsWith("-")) {
                key = key.substring(1).strip();
            }
            settings.add(key.replace('/', '.'), line.substring(eq + 1).strip());
        }
        return settings.build();
    }
}
