/**
 * Settings of the file formats the agent knows, chosen by file name ({@link
 * dev.drift.agent.parse.SettingsParsers}): {@code sshd_config} and {@code sshd_config.d/*.conf},
 * {@code sysctl.conf} and {@code sysctl.d/*.conf}, {@code hosts} (address to names),
 * {@code resolv.conf}, {@code passwd} and {@code group} (user and group lists without password
 * fields), {@code shadow} (user to locked / password set / no password, never a hash) and
 * {@code sudoers} and {@code sudoers.d/*} (rules listed per user or group). Each parser's Javadoc
 * gives its keys. A key never holds square brackets, which the service's field paths reserve.
 */
package dev.drift.agent.parse;
