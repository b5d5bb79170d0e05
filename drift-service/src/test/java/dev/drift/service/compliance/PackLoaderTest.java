package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLoaderTest {
    private static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");
    private static final String GOOD = """
            name: ssh-hardening
            version: 1.10
            description: CIS-style OpenSSH server hardening
            items:
              - id: no-root-login
                title: Root cannot log in over SSH
                field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                equals: no
              - id: openssh-recent
                field: package[openssh-server].version
                min_version: "1:8.9p1"
              - id: no-telnet
                field: package[telnetd].version
                absent: true
              - id: config-mode
                field: file[/etc/ssh/sshd_config].mode
                one_of: [0600, 0644, null]
              - id: tries
                field: file[/etc/ssh/sshd_config].setting[MaxAuthTries]
                at_most: 4
              - id: tls
                field: probe[tls:443].days_left
                at_least: 14.5
              - id: ciphers
                field: file[/etc/ssh/sshd_config].setting[Ciphers]
                matches: "(?!.*cbc).+"
              - id: installed
                field: package[openssh-server].version
                present: true
              - id: enabled
                field: service[ssh].enabled
                equals: true
            """;

    @TempDir
    Path dir;

    private PackCatalog load() {
        return new PackLoader(dir, Clock.fixed(NOW, ZoneOffset.UTC)).reload();
    }

    private void write(String file, String yaml) throws IOException {
        Files.writeString(dir.resolve(file), yaml);
    }

    /** A one-item pack whose item is {@code item} (indented as an item's keys). */
    private static String packWithItem(String item) {
        return "name: p\nversion: \"1\"\nitems:\n  - " + item.strip().replace("\n", "\n    ") + "\n";
    }

    private List<String> problemsOf(String item) throws IOException {
        write("p.yaml", packWithItem(item));
        PackCatalog catalog = load();
        assertThat(catalog.packs()).isEmpty();
        return catalog.problems();
    }

    @Test
    void readsEveryRuleKeepingValuesAsWritten() throws IOException {
        write("ssh.yaml", GOOD);

        PackCatalog catalog = load();

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.loadedAt()).isEqualTo(NOW);
        Pack pack = catalog.pack("ssh-hardening").orElseThrow();
        assertThat(pack.version()).isEqualTo("1.10");
        assertThat(pack.description()).isEqualTo("CIS-style OpenSSH server hardening");
        assertThat(pack.items()).extracting(PackItem::rule).containsExactly(
                new Rule.Equals(new FieldValue.Text("no")),
                new Rule.MinVersion("1:8.9p1"),
                new Rule.Absent(),
                new Rule.OneOf(List.of(new FieldValue.Text("0600"), new FieldValue.Text("0644"),
                        FieldValue.Absent.INSTANCE)),
                new Rule.AtMost(new BigDecimal("4")),
                new Rule.AtLeast(new BigDecimal("14.5")),
                new Rule.Matches(Pattern.compile("(?!.*cbc).+")),
                new Rule.Present(),
                new Rule.Equals(new FieldValue.Text("true")));
        assertThat(pack.items().getFirst()).isEqualTo(new PackItem("no-root-login", "Root cannot log in over SSH",
                FieldPath.parse("file[/etc/ssh/sshd_config].setting[PermitRootLogin]"),
                new Rule.Equals(new FieldValue.Text("no"))));
        assertThat(pack.items().get(1).title()).as("title defaults to the id").isEqualTo("openssh-recent");
    }

    @Test
    void unknownKeysAreNamedWithFileAndItem() throws IOException {
        assertThat(problemsOf("""
                id: no-root-login
                field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                equal: "no"
                """)).containsExactly(
                "p.yaml: item 'no-root-login': unknown key 'equal', expected one of [id, title, field, equals, one_of,"
                        + " present, absent, min_version, matches, at_most, at_least]",
                "p.yaml: item 'no-root-login': needs a rule, one of [equals, one_of, present, absent, min_version,"
                        + " matches, at_most, at_least]");
    }

    @Test
    void unknownTopLevelKeysAndMissingNameAreProblems() throws IOException {
        write("p.yaml", "version: \"1\"\nowner: secops\nitems:\n  - id: a\n    field: hostname\n    present: true\n");

        assertThat(load().problems()).containsExactly(
                "p.yaml: unknown key 'owner', expected one of [name, version, description, items]",
                "p.yaml: missing 'name'");
    }

    @Test
    void badFieldPathsAreNamed() throws IOException {
        assertThat(problemsOf("id: a\nfield: file[/etc/x]..mode\npresent: true")).containsExactly(
                "p.yaml: item 'a': field: malformed field path 'file[/etc/x]..mode' at position 13");
    }

    @Test
    void aBarePackageNameIsRefusedInFavourOfItsVersion() throws IOException {
        assertThat(problemsOf("id: no-telnet\nfield: package[telnetd]\nabsent: true")).containsExactly(
                "p.yaml: item 'no-telnet': 'package[telnetd]' names a package, not a field the actual state holds;"
                        + " use package[telnetd].version");
    }

    @Test
    void ruleValuesOfTheWrongKindAreNamed() throws IOException {
        assertThat(problemsOf("id: a\nfield: probe[backup].age_hours\nat_most: soon"))
                .containsExactly("p.yaml: item 'a': at_most: must be a number, not 'soon'");
        assertThat(problemsOf("id: a\nfield: hostname\nequals: {x: 1}"))
                .containsExactly("p.yaml: item 'a': equals: must be a single value or null (absent) or a list of values,"
                        + " not a mapping");
        assertThat(problemsOf("id: a\nfield: hostname\none_of: []"))
                .containsExactly("p.yaml: item 'a': one_of: must be a non-empty list of values, not a list");
        assertThat(problemsOf("id: a\nfield: package[x].version\nabsent: false"))
                .containsExactly("p.yaml: item 'a': absent: false checks nothing; use 'present: true' to require existence");
        assertThat(problemsOf("id: a\nfield: package[x].version\npresent: yes"))
                .containsExactly("p.yaml: item 'a': present: must be true, not 'yes'");
    }

    @Test
    void badRulesAreNamed() throws IOException {
        assertThat(problemsOf("id: a\nfield: hostname\nmatches: \"web-(\""))
                .singleElement().asString().startsWith("p.yaml: item 'a': matches: not a valid regular expression: ");
        assertThat(problemsOf("id: a\nfield: package[x].version\nmin_version: \"1.0 beta\""))
                .containsExactly("p.yaml: item 'a': min_version: '1.0 beta' is not a version: empty or unexpected characters");
        assertThat(problemsOf("id: a\nfield: hostname\nmin_version: \"1.0\""))
                .containsExactly("p.yaml: item 'a': min_version needs a version field such as package[<name>].version,"
                        + " not 'hostname'");
        assertThat(problemsOf("id: a\nfield: hostname\nequals: x\nabsent: true"))
                .containsExactly("p.yaml: item 'a': has more than one rule [equals, absent]; give each its own item");
    }

    @Test
    void itemsWithoutIdAreNamedByPositionAndIdsMustBeUnique() throws IOException {
        write("p.yaml", """
                name: p
                version: "1"
                items:
                  - id: a
                    field: hostname
                    present: true
                  - field: hostname
                    present: true
                  - id: a
                    field: os.version
                    present: true
                  - id: Bad_Id
                    field: hostname
                    present: true
                """);

        assertThat(load().problems()).containsExactly(
                "p.yaml: item #2: missing 'id'",
                "p.yaml: item 'a': duplicate id, item #1 has it too",
                "p.yaml: item 'Bad_Id': item id must match [a-z0-9][a-z0-9-]*: 'Bad_Id'");
    }

    @Test
    void malformedYamlAndDuplicateKeysAreProblemsWithTheirPlace() throws IOException {
        write("a.yaml", "name: [unclosed\n");
        write("b.yaml", "name: p\nname: q\n");

        assertThat(load().problems()).satisfiesExactly(
                a -> assertThat(a).startsWith("a.yaml: not valid YAML: ").contains("line 2"),
                b -> assertThat(b).isEqualTo("b.yaml: not valid YAML: found duplicate key name at line 2, column 1"));
    }

    @Test
    void aBadFileDoesNotKeepOthersFromLoading() throws IOException {
        write("a-broken.yaml", "name: broken\nversion: \"1\"\nitems: nope\n");
        write("ssh.yml", GOOD);
        write("notes.txt", "not a pack");

        PackCatalog catalog = load();

        assertThat(catalog.packs()).containsOnlyKeys("ssh-hardening");
        assertThat(catalog.problems()).containsExactly("a-broken.yaml: 'items' must be a non-empty list of items");
    }

    @Test
    void theFirstFileWithAPackNameWinsAndTheSecondIsAProblem() throws IOException {
        write("a.yaml", GOOD);
        write("b.yaml", GOOD.replace("version: 1.10", "version: 2"));

        PackCatalog catalog = load();

        assertThat(catalog.pack("ssh-hardening")).get().extracting(Pack::version).isEqualTo("1.10");
        assertThat(catalog.problems()).containsExactly("b.yaml: pack name 'ssh-hardening' is already used by a.yaml");
    }

    @Test
    void aMissingDirectoryIsAProblemNotAFailure() {
        PackCatalog catalog = new PackLoader(dir.resolve("nowhere"), Clock.systemUTC()).catalog();

        assertThat(catalog.packs()).isEmpty();
        assertThat(catalog.problems()).singleElement().asString().startsWith("cannot list packs directory ")
                .endsWith("nowhere: not a directory");
    }

    @Test
    void reloadPicksUpChangedAddedAndRemovedFiles() throws IOException {
        write("ssh.yaml", GOOD);
        write("old.yaml", GOOD.replace("name: ssh-hardening", "name: old"));
        PackLoader loader = new PackLoader(dir, Clock.systemUTC());
        PackCatalog first = loader.catalog();

        write("ssh.yaml", GOOD.replace("version: 1.10", "version: \"1.11\""));
        Files.delete(dir.resolve("old.yaml"));
        write("new.yaml", GOOD.replace("name: ssh-hardening", "name: new"));
        PackCatalog second = loader.reload();

        assertThat(first.packs()).containsOnlyKeys("old", "ssh-hardening");
        assertThat(second.packs()).containsOnlyKeys("new", "ssh-hardening");
        assertThat(second.pack("ssh-hardening")).get().extracting(Pack::version).isEqualTo("1.11");
        assertThat(loader.catalog()).isSameAs(second);
    }
}
