package dev.drift.service.actions.remediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.actions.RemediationJob;
import dev.drift.service.actions.RunResult;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run's ansible-runner private data directory: the inputs drift writes ({@code project/},
 * {@code inventory/hosts}, {@code env/extravars}) and the artifacts the runner leaves
 * ({@code artifacts/<ident>/status}, {@code rc}, {@code stdout}). Each run gets a fresh one, so runs
 * never see each other's inputs and a half-written directory is never reused.
 */
final class PrivateDataDir {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Host names go into an INI inventory line and into --limit: no blanks, '=', quotes or leading '-'.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern SAFE_IDENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private final Path root;
    private final String ident;
    private final String playbook;

    private PrivateDataDir(Path root, String ident, String playbook) {
        this.root = root;
        this.ident = ident;
        this.playbook = playbook;
    }

    /**
     * Writes the inputs of one run under {@code properties.workDir()}.
     *
     * @throws DriftException.Terminal  the playbook path leaves the project directory or names no file, or the
     *                                  host is not a plain host name
     * @throws DriftException.Retryable the directory could not be written
     */
    static PrivateDataDir prepare(AnsibleRunnerProperties properties, RemediationJob job, String playbookPath) {
        Path projectDir = properties.projectDir().toAbsolutePath().normalize();
        String playbook = checkedPlaybook(projectDir, playbookPath);
        if (!HOST.matcher(job.host()).matches()) {
            throw new DriftException.Terminal("host '" + job.host() + "' is not a plain Ansible host name");
        }
        try {
            Files.createDirectories(properties.workDir());
            String ident = identOf(job.idempotencyKey());
            PrivateDataDir dir = new PrivateDataDir(Files.createTempDirectory(properties.workDir(), ident + "-"),
                    ident, playbook);
            dir.write(projectDir, job, properties.connection());
            return dir;
        } catch (IOException | UncheckedIOException e) {
            throw new DriftException.Retryable("could not write the private data dir of an ansible-runner run", e);
        }
    }

    /**
     * A runner ident (the name of the artifacts directory) from an idempotency key: the key itself when it
     * is a safe file name, else its safe characters and a hash of the whole key, so it stays distinct.
     */
    static String identOf(String idempotencyKey) {
        if (SAFE_IDENT.matcher(idempotencyKey).matches()) {
            return idempotencyKey;
        }
        String safe = idempotencyKey.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^[.-]+", "");
        return safe.substring(0, Math.min(safe.length(), 40)) + "-" + sha256(idempotencyKey).substring(0, 16);
    }

    /** The ansible-runner command line of this run. */
    List<String> command(String executable, String host, boolean checkMode) {
        List<String> command = new ArrayList<>(List.of(executable, "run", root.toString(), "-p", playbook,
                "--ident", ident, "--limit", host));
        if (checkMode) {
            command.addAll(List.of("--cmdline", "--check --diff"));
        }
        return command;
    }

    String ident() {
        return ident;
    }

    Path processOutput() {
        return root.resolve("runner.out");
    }

    /** How the run ended, read from its artifacts; {@code error} when the runner left no status. */
    RunResult result(int exitCode) throws IOException {
        String status = read(artifact("status")).orElse("error");
        int rc = read(artifact("rc")).map(Integer::parseInt).orElse(exitCode);
        return new RunResult("successful".equals(status) && rc == 0, status, output(), Optional.of(ident));
    }

    /** The run's stdout from its artifacts, or the runner's own output when it left none. */
    String output() throws IOException {
        String stdout = OutputTail.of(artifact("stdout"));
        return stdout.isBlank() ? OutputTail.of(processOutput()) : stdout;
    }

    void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String checkedPlaybook(Path projectDir, String playbookPath) {
        Path relative = Path.of(playbookPath).normalize();
        if (relative.isAbsolute() || relative.startsWith("..") || playbookPath.isBlank()) {
            throw new DriftException.Terminal("playbook '" + playbookPath + "' is not a path inside the project dir");
        }
        if (!Files.isRegularFile(projectDir.resolve(relative))) {
            throw new DriftException.Terminal("no playbook '" + playbookPath + "' in " + projectDir);
        }
        return relative.toString();
    }

    private void write(Path projectDir, RemediationJob job, String connection) throws IOException {
        copyTree(projectDir, root.resolve("project"));
        Files.createDirectories(root.resolve("inventory"));
        Files.writeString(root.resolve("inventory/hosts"), inventoryLine(job.host(), connection) + "\n");
        Files.createDirectories(root.resolve("env"));
        Files.writeString(root.resolve("env/extravars"), JSON.writeValueAsString(DriftExtraVars.of(job)));
    }

    private static String inventoryLine(String host, String connection) {
        String line = host + " ansible_connection=" + connection;
        // A local run must use the Python that runs Ansible itself, not whatever interpreter discovery picks.
        return "local".equals(connection) ? line + " ansible_python_interpreter=\"{{ ansible_playbook_python }}\""
                : line;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(source)) {
                    Files.copy(source, target);
                }
            }
        }
    }

    private Path artifact(String name) {
        return root.resolve("artifacts").resolve(ident).resolve(name);
    }

    private static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
