package dev.drift.demo;

import java.net.URI;
import java.util.Optional;

/**
 * Command-line options of {@code ./drift demo}.
 *
 * @param port   HTTP port of the service (0: any free port)
 * @param redis  an existing Redis to use instead of the embedded one
 * @param hold   keep serving until Ctrl-C after the scenario (default when a terminal is attached)
 * @param netbox a real NetBox to read desired state from instead of the demo's files
 */
record DemoOptions(int port, Optional<String> redis, boolean hold, Optional<NetBox> netbox) {

    /** A NetBox and its API token (sent as {@code Authorization: Token}, never printed). */
    record NetBox(URI url, String token) {
        @Override
        public String toString() {
            return "NetBox[" + url + "]";
        }
    }

    DemoOptions(int port, Optional<String> redis, boolean hold) {
        this(port, redis, hold, Optional.empty());
    }

    static DemoOptions parse(String[] args, boolean interactive) {
        int port = 8080;
        Optional<String> redis = Optional.empty();
        Optional<String> netbox = Optional.empty();
        Optional<String> token = Optional.empty();
        boolean hold = interactive;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--redis" -> redis = Optional.of(value(args, ++i, "--redis"));
                case "--netbox" -> netbox = Optional.of(value(args, ++i, "--netbox"));
                case "--token" -> token = Optional.of(value(args, ++i, "--token"));
                case "--hold" -> hold = true;
                case "--no-hold" -> hold = false;
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
        }
        if (netbox.isPresent() != token.isPresent()) {
            throw new IllegalArgumentException("--netbox and --token go together\n" + usage());
        }
        Optional<NetBox> source = netbox.isEmpty() ? Optional.empty()
                : Optional.of(new NetBox(netboxUrl(netbox.get()), token.orElseThrow()));
        return new DemoOptions(port, redis, hold, source);
    }

    private static URI netboxUrl(String text) {
        try {
            URI url = URI.create(text.endsWith("/") ? text : text + "/");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("--netbox needs an http(s) URL, got " + text);
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--netbox needs an http(s) URL, got " + text, e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: ./drift demo [--port N] [--redis redis://host:port] [--netbox URL --token T] [--hold | --no-hold]
                  --port     HTTP port of the service (default 8080; 0 picks a free one)
                  --redis    use this Redis instead of starting an embedded one
                  --netbox   read desired state from this NetBox (with its API --token) instead of the
                             demo's files; CIs it does not know show as unmanaged
                  --hold     keep the service running after the scenario until Ctrl-C
                             (the default when run from a terminal)""";
    }
}
