package dev.drift.agent.parse;

/**
 * Reads the settings of one file format. Parsers are lenient: a line they cannot read is skipped,
 * because a partly understood file still says more than none (the diff carries the rest).
 */
public interface SettingsParser {

    /** The settings of the file's text; never throws on malformed content. */
    Settings parse(String content);

    /**
     * Whether the settings reveal nothing secret, so they may be sent even for a sensitive file
     * (the shadow user list, which says whether a password is set but never the hash).
     */
    default boolean safeWhenSensitive() {
        return false;
    }
}
