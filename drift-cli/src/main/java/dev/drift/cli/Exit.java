package dev.drift.cli;

/** The exit codes of {@link DriftCli}; scripts rely on them, so they never change meaning. */
final class Exit {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Bad arguments or options, or an unreadable token file: nothing was sent. */
    static final int USAGE = 1;
    /** The API refused the request (4xx); its problem {@code detail} is printed. */
    static final int REFUSED = 2;
    /** The service could not be reached, did not answer in time, failed (5xx) or a sweep failed or was interrupted. */
    static final int UNAVAILABLE = 3;
    /** {@code list --fail-on}: drift at or above the given severity exists. */
    static final int DRIFT_FOUND = 4;

    private Exit() {
    }
}
