package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drift.service.compliance.StoredChecks;
import dev.drift.service.support.ServiceIT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /drift/cis/{ci}/compliance} over checks stored by the sweep's own store, and the packs
 * API over a packs directory of its own: two packs that load and a file that does not.
 */
@MicronautTest(transactional = false)
class ComplianceApiIT extends ServiceIT {
    private static final String ADMIN = "bootstrap-admin-token-of-compliance-api-it-01";
    private static final Argument<Map<String, Object>> JSON_MAP = Argument.mapOf(String.class, Object.class);
    private static final String CI = "ca-web-1";
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    private static final UUID JOB = UUID.randomUUID();
    private static final String SSHD = "file[/etc/ssh/sshd_config].setting[";
    private static final String SSH_PACK = """
            name: ssh-baseline
            version: "2.1"
            description: OpenSSH server baseline
            items:
              - id: no-root-login
                title: Root cannot log in over SSH
                field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                equals: no
              - id: openssh-recent
                field: package[openssh-server].version
                min_version: "1:8.9p1"
            """;
    private static final String KERNEL_PACK = """
            name: kernel
            version: "1.0"
            items:
              - id: no-telnet
                field: package[telnetd].version
                absent: true
            """;

    /** Written before the service starts, so that whenever it first loads the packs, these are there. */
    private final Path packs = packsDirectory();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    private ApiCalls api;
    private String viewer;

    @Override
    protected Map<String, String> overrides() {
        return Map.of(
                "drift.compliance.packs-directory", packs.toString(),
                "drift.security.enabled", "true",
                "drift.security.bootstrap-admin-token", ADMIN,
                "drift.security.rate-limit", "10000");
    }

    @BeforeAll
    void storeChecksAndIssueAViewerToken() {
        api = new ApiCalls(http);
        StoredChecks checks = new StoredChecks(context);
        checks.compliant(CI, "ssh-baseline", "2.0", T0, JOB);
        checks.compliant(CI, "kernel", "1.0", T0.plus(5, ChronoUnit.MINUTES), JOB);
        checks.nonCompliant(CI, "ssh-baseline", "2.1", T0.plus(10, ChronoUnit.MINUTES), "PermitRootLogin",
                "X11Forwarding");
        checks.unknown(CI, "ssh-baseline", "2.1", T0.plus(20, ChronoUnit.MINUTES), "no facts since yesterday");
        viewer = (String) get(HttpRequest.POST("/drift/tokens", "{\"name\": \"ca-viewer\", \"role\": \"viewer\"}"))
                .get("token");
    }

    @Test
    void historyShowsEachPackWithItsLatestVerdictAndItsChecksNewestFirst() {
        Map<String, Object> history = get("/drift/cis/" + CI + "/compliance");

        assertThat(history).containsOnlyKeys("ci_id", "packs").containsEntry("ci_id", CI);
        List<Map<String, Object>> packs = list(history, "packs");
        assertThat(packs).extracting(p -> p.get("pack"), p -> p.get("verdict"), p -> p.get("last_judged"))
                .containsExactly(tuple("kernel", "compliant", "compliant"),
                        tuple("ssh-baseline", "unknown", "non_compliant"));
        Map<String, Object> ssh = packs.get(1);
        assertThat(instant(ssh, "last_checked_at")).isEqualTo(T0.plus(20, ChronoUnit.MINUTES));
        List<Map<String, Object>> checks = list(ssh, "checks");
        assertThat(checks).extracting(c -> c.get("verdict"), c -> c.get("pack_version"), c -> instant(c, "checked_at"))
                .containsExactly(tuple("unknown", "2.1", T0.plus(20, ChronoUnit.MINUTES)),
                        tuple("non_compliant", "2.1", T0.plus(10, ChronoUnit.MINUTES)),
                        tuple("compliant", "2.0", T0));
        assertThat(checks.get(0)).containsEntry("reason", "no facts since yesterday")
                .containsEntry("mismatch_count", 0).containsEntry("mismatches", List.of())
                .containsEntry("job_id", null).containsEntry("pack", "ssh-baseline");
        assertThat(checks.get(1)).containsEntry("mismatch_count", 2).containsEntry("reason", null)
                .containsEntry("mismatches", List.of(
                        Map.of("item", "PermitRootLogin", "field", SSHD + "PermitRootLogin]", "expected", "no",
                                "actual", "yes"),
                        Map.of("item", "X11Forwarding", "field", SSHD + "X11Forwarding]", "expected", "no",
                                "actual", "yes")));
        assertThat(checks.get(2)).containsEntry("job_id", JOB.toString()).containsEntry("duration_us", 1234);
    }

    @Test
    void packSelectsOnePack() {
        List<Map<String, Object>> packs = list(get("/drift/cis/" + CI + "/compliance?pack=kernel"), "packs");

        assertThat(packs).extracting(p -> p.get("pack")).containsExactly("kernel");
        assertThat(list(packs.getFirst(), "checks")).hasSize(1);
        assertThat(list(get("/drift/cis/" + CI + "/compliance?pack=nothing-here"), "packs")).isEmpty();
    }

    @Test
    void limitKeepsTheNewestChecksOfEachPack() {
        List<Map<String, Object>> packs = list(get("/drift/cis/" + CI + "/compliance?limit=2"), "packs");

        assertThat(list(packs.get(0), "checks")).hasSize(1);
        assertThat(list(packs.get(1), "checks")).extracting(c -> c.get("verdict"))
                .containsExactly("unknown", "non_compliant");
    }

    @Test
    void sinceKeepsChecksMadeAtOrAfterItButEveryPacksLatestVerdict() {
        String since = T0.plus(5, ChronoUnit.MINUTES).toString();
        List<Map<String, Object>> packs = list(get("/drift/cis/" + CI + "/compliance?since=" + since), "packs");

        assertThat(list(packs.get(0), "checks")).extracting(c -> instant(c, "checked_at"))
                .containsExactly(T0.plus(5, ChronoUnit.MINUTES));
        assertThat(list(packs.get(1), "checks")).extracting(c -> c.get("verdict"))
                .containsExactly("unknown", "non_compliant");

        List<Map<String, Object>> later = list(get("/drift/cis/" + CI + "/compliance?since="
                + T0.plus(1, ChronoUnit.HOURS)), "packs");
        assertThat(later).extracting(p -> p.get("pack"), p -> p.get("verdict"))
                .containsExactly(tuple("kernel", "compliant"), tuple("ssh-baseline", "unknown"));
        assertThat(later).allSatisfy(p -> assertThat(list(p, "checks")).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "limit=0, limit:",
            "limit=1001, limit:",
            "limit=many, limit:",
            "since=yesterday, since:",
            "pack=Not_A_Pack, pack:"
    })
    void badParametersAreBadRequestsNamingTheParameter(String query, String member) {
        Map<String, Object> problem = api.problem(admin(HttpRequest.GET("/drift/cis/" + CI + "/compliance?" + query)),
                400);

        assertThat((String) problem.get("detail")).startsWith(member);
    }

    @Test
    void aCiDriftDoesNotKnowIsNotFoundAndAKnownOneNeverCheckedHasNoPacks() {
        desired.write("ca-known", "type: vm\n");

        Map<String, Object> problem = api.problem(admin(HttpRequest.GET("/drift/cis/ca-nobody/compliance")), 404);

        assertThat((String) problem.get("detail")).contains("ca-nobody");
        assertThat(get("/drift/cis/ca-known/compliance")).isEqualTo(Map.of("ci_id", "ca-known", "packs", List.of()));
    }

    @Test
    void packsListsTheLoadedPacksAndWhyFilesDidNotLoad() {
        Map<String, Object> listing = get("/drift/packs");

        assertThat(listing).containsOnlyKeys("packs", "problems", "loaded_at");
        assertThat(list(listing, "packs"))
                .extracting(p -> p.get("name"), p -> p.get("version"), p -> p.get("description"),
                        p -> p.get("item_count"), p -> p.get("file"))
                .containsExactly(tuple("kernel", "1.0", null, 1, "kernel.yml"),
                        tuple("ssh-baseline", "2.1", "OpenSSH server baseline", 2, "ssh-baseline.yaml"));
        assertThat(list(listing, "packs")).allSatisfy(p -> assertThat(p)
                .containsOnlyKeys("name", "version", "description", "item_count", "file"));
        assertThat((List<?>) listing.get("problems")).singleElement().asString().startsWith("broken.yaml");
        assertThat(instant(listing, "loaded_at")).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void aPackShowsItsItemsWithTheirRulesAsPeopleReadThem() {
        Map<String, Object> pack = get("/drift/packs/ssh-baseline");

        assertThat(pack).containsEntry("name", "ssh-baseline").containsEntry("version", "2.1")
                .containsEntry("file", "ssh-baseline.yaml").containsEntry("description", "OpenSSH server baseline");
        assertThat(list(pack, "items")).containsExactly(
                Map.of("id", "no-root-login", "title", "Root cannot log in over SSH",
                        "field", SSHD + "PermitRootLogin]", "rule", "equals", "expected", "no"),
                Map.of("id", "openssh-recent", "title", "openssh-recent", "field", "package[openssh-server].version",
                        "rule", "min_version", "expected", ">= 1:8.9p1"));
        assertThat((String) api.problem(admin(HttpRequest.GET("/drift/packs/broken")), 404).get("detail"))
                .contains("broken");
    }

    @Test
    void reloadPicksUpAPackWrittenSinceTheLastLoad() {
        get("/drift/packs");
        write("audit.yaml", KERNEL_PACK.replace("name: kernel", "name: audit"));
        try {
            assertThat(list(get("/drift/packs"), "packs")).extracting(p -> p.get("name")).doesNotContain("audit");

            Map<String, Object> reloaded = get(HttpRequest.POST("/drift/packs/reload", ""));

            assertThat(list(reloaded, "packs")).extracting(p -> p.get("name"))
                    .containsExactly("audit", "kernel", "ssh-baseline");
            assertThat(get("/drift/packs/audit")).containsEntry("file", "audit.yaml");
        } finally {
            delete("audit.yaml");
            get(HttpRequest.POST("/drift/packs/reload", ""));
        }
        assertThat(list(get("/drift/packs"), "packs")).extracting(p -> p.get("name")).doesNotContain("audit");
    }

    @Test
    void aViewerReadsComplianceButMayNotReloadPacksAndNobodyReadsWithoutAToken() {
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/drift/packs").bearerAuth(viewer), JSON_MAP))
                .containsKey("packs");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/drift/cis/" + CI + "/compliance").bearerAuth(viewer),
                JSON_MAP)).containsEntry("ci_id", CI);

        Map<String, Object> refused = api.problem(HttpRequest.POST("/drift/packs/reload", "").bearerAuth(viewer), 403);

        assertThat((String) refused.get("detail")).contains("role admin is required");
        api.problem(HttpRequest.POST("/drift/packs/reload", ""), 401);
        api.problem(HttpRequest.GET("/drift/packs"), 401);
        api.problem(HttpRequest.GET("/drift/cis/" + CI + "/compliance"), 401);
    }

    private Map<String, Object> get(String uri) {
        return get(HttpRequest.GET(uri));
    }

    private Map<String, Object> get(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(admin(request), JSON_MAP);
    }

    private static <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(ADMIN);
    }

    private static Instant instant(Map<String, Object> json, String member) {
        return Instant.parse((String) json.get(member));
    }

    private void write(String file, String yaml) {
        write(packs, file, yaml);
    }

    private void delete(String file) {
        try {
            Files.deleteIfExists(packs.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two packs that load, and a file that does not: a pack needs at least one item. */
    private static Path packsDirectory() {
        try {
            Path directory = Files.createTempDirectory("drift-packs-");
            write(directory, "ssh-baseline.yaml", SSH_PACK);
            write(directory, "kernel.yml", KERNEL_PACK);
            write(directory, "broken.yaml", "name: broken\nversion: \"1\"\nitems: []\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path directory, String file, String yaml) {
        try {
            Files.writeString(directory.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
