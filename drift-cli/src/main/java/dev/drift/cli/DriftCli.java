package dev.drift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code drift-cli}: the operator's command line for the drift service's {@code /drift} API.
 *
 * <p>The service is {@code --url}, else {@code DRIFT_URL}, else {@code http://localhost:8080}. The
 * API token is read from {@code DRIFT_TOKEN}, or from {@code --token-file}; there is deliberately
 * no option taking the token itself, which would show in {@code ps} and shell history.
 *
 * <p>Exit codes, which scripts can rely on:
 * <ul>
 *   <li>{@code 0} the command did what was asked;</li>
 *   <li>{@code 1} usage error (bad arguments or options, unreadable token file): nothing was sent;</li>
 *   <li>{@code 2} the API refused the request (4xx: unauthorized, forbidden, not found, conflict, bad
 *       input); the problem's {@code detail} is printed;</li>
 *   <li>{@code 3} the service is unreachable, did not answer within {@code --timeout}, failed (5xx),
 *       or, for {@code reconcile --wait}, the sweep failed or was interrupted;</li>
 *   <li>{@code 4} {@code list --fail-on SEVERITY}: drift matching the filters exists at or above that
 *       severity (for CI pipelines: {@code drift-cli list --status open --fail-on high}).</li>
 * </ul>
 */
@Command(name = "drift-cli", scope = ScopeType.INHERIT, usageHelpAutoWidth = true,
        description = "Operator command line for the drift service's /drift API.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:usage error: nothing was sent",
            "2:the API refused the request (4xx); its problem detail is printed",
            "3:service unreachable, no answer within --timeout, a server error (5xx), or a failed or interrupted sweep",
            "4:list --fail-on: drift at or above that severity exists"},
        footer = {"%nThe token is read from DRIFT_TOKEN, or from --token-file: never from an argument."})
public final class DriftCli implements Callable<Integer> {
    static final String DEFAULT_URL = "http://localhost:8080";

    private final Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The drift service (default: DRIFT_URL, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the API token from this file instead of DRIFT_TOKEN.")
    Path tokenFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "For connecting and for each answer, such as 500ms, 10s, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    DriftCli(Env env) {
        this.env = env;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, Env.system(), out, err));
    }

    /** Runs one command line and answers its {@link Exit} code. */
    static int execute(String[] args, Env env, PrintWriter out, PrintWriter err) {
        DriftCli root = new DriftCli(env);
        CommandLine cli = new CommandLine(root)
                .addSubcommand(new ListCommand(root::api))
                .addSubcommand(new ShowCommand(root::api))
                .addSubcommand(new AckCommand(root::api, env))
                .addSubcommand(new RemediateCommand(root::api))
                .addSubcommand(new ReconcileCommand(root::api))
                .addSubcommand(new ReportCommand(root::api));
        cli.setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(DriftCli::apiFailure);
        cli.getCommandSpec().exitCodeOnInvalidInput(Exit.USAGE);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(Exit.USAGE));
        return cli.execute(args);
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Exit.USAGE;
    }

    /** The API as the global options and the environment say; throws a usage error for an unreadable token file. */
    DriftApi api() {
        String base = url != null ? url : env.get("DRIFT_URL") != null ? env.get("DRIFT_URL") : DEFAULT_URL;
        return new DriftApi(service(base.replaceAll("/+$", "")), token(), timeout);
    }

    private URI service(String base) {
        try {
            URI uri = new URI(base);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below like any other unusable URL
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "the service URL must be http(s)://host[:port], not '" + base + "'");
    }

    private String token() {
        if (tokenFile == null) {
            String token = env.get("DRIFT_TOKEN");
            return token == null || token.isBlank() ? null : token.strip();
        }
        try {
            return Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --token-file " + tokenFile + ": " + e);
        }
    }

    private static int apiFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ApiException failure) {
            cli.getErr().println("drift-cli: " + failure.getMessage());
            return failure.exitCode();
        }
        throw e;
    }
}
