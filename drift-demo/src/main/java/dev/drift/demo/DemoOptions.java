package dev.drift.demo;

import java.util.Optional;

/**
 * Command-line options of {@code ./drift demo}.
 *
 * @param port   HTTP port of the service (0: any free port)
 * @param redis  an existing Redis to use instead of the embedded one
 * @param hold   keep serving until Ctrl-C after the scenario (default when a terminal is attached)
 */
record DemoOptions(int port, Optional<String> redis, boolean hold) {

    static DemoOptions parse(String[] args, boolean interactive) {
        int port = 8080;
        Optional<String> redis = Optional.empty();
        boolean hold = interactive;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--redis" -> redis = Optional.of(value(args, ++i, "--redis"));
                case "--hold" -> hold = true;
                case "--no-hold" -> hold = false;
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
        }
        return new DemoOptions(port, redis, hold);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: ./drift demo [--port N] [--redis redis://host:port] [--hold | --no-hold]
                  --port     HTTP port of the service (default 8080; 0 picks a free one)
                  --redis    use this Redis instead of starting an embedded one
                  --hold     keep the service running after the scenario until Ctrl-C
                             (the default when run from a terminal)""";
    }
}
