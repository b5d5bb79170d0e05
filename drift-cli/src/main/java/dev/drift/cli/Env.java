package dev.drift.cli;

/** Environment variables, as a function so that tests can give their own. */
@FunctionalInterface
interface Env {
    /** The variable's value, or null when it is not set. */
    String get(String name);

    static Env system() {
        return System::getenv;
    }
}
