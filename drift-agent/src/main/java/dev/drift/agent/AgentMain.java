package dev.drift.agent;

/**
 * drift-agent entry point. The module holds the agent's build and dependencies; the watcher,
 * baseline, redaction, spool and probes are the subject of their own issue, and until then the
 * agent refuses to run rather than pretend to watch anything.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.err.println("drift-agent: this build has no watcher yet; use the reference shell agent (README)");
        System.exit(2);
    }
}
