package dev.drift.agent;

/** drift-agent entry point; the watcher itself arrives with its own issue. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.out.println("drift-agent: not yet implemented; see issue 7");
    }
}
