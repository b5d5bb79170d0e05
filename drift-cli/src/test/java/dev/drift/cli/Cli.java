package dev.drift.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;

/** Runs {@link DriftCli} against a {@link MockWebServer} with a given environment, capturing what it prints. */
final class Cli {
    static final String TOKEN = "s3cret-token";

    private final Map<String, String> env = new HashMap<>();

    Cli(MockWebServer server) {
        env.put("DRIFT_URL", server.url("/").toString());
        env.put("DRIFT_TOKEN", TOKEN);
        env.put("USER", "alice");
    }

    Cli without(String variable) {
        env.remove(variable);
        return this;
    }

    Cli with(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DriftCli.execute(args, env::get, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** What one run printed and how it exited. */
    record Result(int exit, String out, String err) {
    }
}
