package dev.drift.service.compliance;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads every {@code *.yaml} and {@code *.yml} file of the packs directory
 * ({@code drift.compliance.packs-directory}) into a {@link PackCatalog}. One pack per file:
 * <pre>
 * name: ssh-hardening                  # required, [a-z0-9][a-z0-9-]*, unique across files
 * version: "1.0"                       # required, free text
 * description: OpenSSH hardening       # optional
 * items:                               # required, at least one
 *   - id: no-root-login                # required, [a-z0-9][a-z0-9-]*, unique in the pack
 *     title: Root cannot log in        # optional, defaults to the id
 *     field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]   # a field path of the actual state
 *     equals: "no"                     # exactly one rule:
 *   # equals: value          normalized like drift's diff; null means absent; a list compares as a list
 *   # one_of: [a, b, null]   equals one of them
 *   # present: true          exists (any value); absent: true  must not exist
 *   # min_version: "1:8.9p1" a version field, dpkg ordering; every installed version must reach it
 *   # matches: "regex"       the whole value (each item of a list) matches
 *   # at_most: 26 / at_least: 14   numbers
 * </pre>
 * Only {@code true}/{@code false} are booleans and every other plain scalar is text ({@code 0600},
 * {@code no} and {@code 1.10} stay as written). Packages, services, files and users are checked
 * through an attribute ({@code package[telnetd].version} with {@code absent: true}), never by a
 * bare name.
 *
 * <p>Strict: unknown keys, wrong types, bad field paths or rules, duplicate item ids and duplicate
 * pack names are problems naming the file and item. A bad file is left out, with every problem it
 * has, and never keeps the other files from loading; of two files with the same pack name the first
 * in file-name order wins. {@link #catalog()} loads on first use; {@link #reload()} re-reads.
 */
@Singleton
public final class PackLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PackLoader.class);

    private final Path directory;
    private final Clock clock;
    private volatile PackCatalog current;

    @Inject
    PackLoader(ComplianceProperties properties, Clock clock) {
        this(Path.of(properties.packsDirectory()), clock);
    }

    /** A loader of {@code directory} whose catalogs are stamped by {@code clock}. */
    public PackLoader(Path directory, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The current catalog, loading the directory if it was never read. */
    public PackCatalog catalog() {
        PackCatalog catalog = current;
        return catalog != null ? catalog : reload();
    }

    /** Reads the directory again and makes the result the current catalog. */
    public synchronized PackCatalog reload() {
        PackCatalog catalog = load();
        catalog.problems().forEach(problem -> LOG.warn("compliance pack not loaded: {}", problem));
        LOG.info("loaded {} compliance packs from {}", catalog.packs().size(), directory);
        current = catalog;
        return catalog;
    }

    private PackCatalog load() {
        Map<String, Pack> packs = new HashMap<>();
        Map<String, String> fileOfPack = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (Path file : packFiles()) {
                String name = file.getFileName().toString();
                switch (read(file)) {
                    case PackParser.Parsed.Rejected rejected -> problems.addAll(rejected.problems());
                    case PackParser.Parsed.Loaded loaded -> add(loaded.pack(), name, packs, fileOfPack, problems);
                }
            }
        } catch (IOException e) {
            problems.add("cannot list packs directory " + directory + ": " + e.getMessage());
        }
        return new PackCatalog(packs, fileOfPack, problems, clock.instant());
    }

    private static void add(Pack pack, String file, Map<String, Pack> packs, Map<String, String> fileOfPack,
                            List<String> problems) {
        String first = fileOfPack.putIfAbsent(pack.name(), file);
        if (first != null) {
            problems.add(file + ": pack name '" + pack.name() + "' is already used by " + first);
        } else {
            packs.put(pack.name(), pack);
        }
    }

    private List<Path> packFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(PackLoader::isPackFile).sorted().toList();
        }
    }

    private static boolean isPackFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static PackParser.Parsed read(Path file) {
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file)) {
            return PackParser.parse(name, PackYaml.create().load(reader));
        } catch (IOException e) {
            return new PackParser.Parsed.Rejected(List.of(name + ": cannot read: " + e.getMessage()));
        } catch (YAMLException malformed) {
            return new PackParser.Parsed.Rejected(List.of(name + ": not valid YAML: " + reason(malformed)));
        }
    }

    /** SnakeYAML's own message spans several lines of context; the problem and its place suffice. */
    private static String reason(YAMLException e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1)
                    + ", column " + (marked.getProblemMark().getColumn() + 1);
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
    }
}
