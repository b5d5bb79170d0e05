package dev.drift.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deploy files ({@code deploy/}) cannot be run here: there is no Docker engine and no cluster. This
 * test reads them offline and holds them to the code: every YAML file parses, every {@code DRIFT_*}
 * variable they set is one the service or the agent reads, ports, health and metrics paths are the
 * service's, images are the ones the Dockerfiles build, and selectors select the pods they mean.
 * Renaming a variable in application.yml, or the HTTP port, without updating deploy/ fails here.
 */
class DeployFilesTest {
    private static final Path REPO = Path.of("..");
    private static final Path DEPLOY = REPO.resolve("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");
    /** Every property of the service's configuration records, written by Micronaut's annotation processor. */
    private static final Path CONFIG_METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    /**
     * The environment variables of drift-agent, in one place. The agent takes their values as flags
     * ({@code --redis}, {@code --ci-id}) and reads no variable itself, so the deploy files set the variables
     * and pass them as those flags. Keep this list in step with the agent's command line (ConfigLoader).
     */
    private static final Set<String> AGENT_ENV = Set.of("DRIFT_REDIS_URI", "DRIFT_CI_ID");
    /** The agent's configuration with every default, documented; the agent refuses keys not in it. */
    private static final Path AGENT_DEFAULTS = DEPLOY.resolve("agent/drift-agent.yml");
    private static final Set<String> HEALTH_PATHS = Set.of("/health", "/health/liveness", "/health/readiness");
    private static final Pattern DRIFT_VARIABLE = Pattern.compile("\\bDRIFT_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(DRIFT_[A-Z0-9_]+)");
    private static final Pattern LOCAL_URL = Pattern.compile("http://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/[\\w/]*)");
    private static final Pattern DRIFT_IMAGE = Pattern.compile("drift/drift-[a-z-]+(?::[\\w.-]+)?");

    private final Map<String, Object> applicationYml = yamlMap(APPLICATION_YML);

    @Test
    void everyYamlFileParses() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<Path> yamlFiles = files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList();

            assertThat(yamlFiles).hasSizeGreaterThan(10);
            yamlFiles.forEach(f -> assertThat(documents(f)).as(f.toString()).isNotEmpty().doesNotContainNull());
        }
    }

    @Test
    void everyDriftVariableInDeployFilesIsOneTheServiceOrTheAgentReads() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(DEPLOY.resolve("packs")))
                    .forEach(f -> assertThat(driftVariables(read(f)))
                            .as("DRIFT_* variables of %s that neither the service nor the agent reads", f)
                            .allMatch(v -> serviceReads(v) || AGENT_ENV.contains(v)));
        }
    }

    @Test
    void serviceContainersGetOnlyVariablesTheServiceReads() {
        Set<String> variables = new TreeSet<>(composeService("drift-service").environment().keySet());
        variables.addAll(map(k8s("ConfigMap", "drift-service-config").get("data")).keySet());
        variables.addAll(map(k8s("Secret", "drift-service-secrets").get("stringData")).keySet());
        variables.addAll(envNames(container(k8s("Deployment", "drift-service"))));

        assertThat(variables).contains("DRIFT_DB_URL", "DRIFT_REDIS_URI", "DRIFT_INGEST_CONSUMER_NAME")
                .filteredOn(v -> v.startsWith("DRIFT_")).allMatch(this::serviceReads);
    }

    @Test
    void agentsGetOnlyVariablesTheAgentReads() {
        Set<String> variables = new TreeSet<>(composeService("drift-agent").environment().keySet());
        variables.addAll(envNames(container(k8s("DaemonSet", "drift-agent"))));
        variables.addAll(driftVariables(read(DEPLOY.resolve("systemd/drift-agent.service"))));
        variables.addAll(driftVariables(read(DEPLOY.resolve("systemd/drift-agent.env.example"))));

        assertThat(variables).isEqualTo(AGENT_ENV);
    }

    @Test
    void composeWiresTheServiceToItsDatabaseRedisAndNetBox() {
        ComposeService drift = composeService("drift-service");
        Map<String, String> env = drift.environment();
        Map<String, String> postgres = composeService("postgres").environment();

        assertThat(env.get("DRIFT_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(env.get("DRIFT_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(env.get("DRIFT_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(env.get("DRIFT_REDIS_URI")).endsWith("@redis:6379")
                .isEqualTo(composeService("drift-agent").environment().get("DRIFT_REDIS_URI"));
        assertThat(env).containsEntry("DRIFT_DESIRED_SOURCE", "netbox")
                .containsEntry("DRIFT_NETBOX_URL", "http://netbox:8080/")
                .containsKeys("DRIFT_NETBOX_TOKEN", "DRIFT_NETBOX_WEBHOOK_SECRET");
        assertThat(composeService("netbox").environment().get("SUPERUSER_API_TOKEN"))
                .isEqualTo(env.get("DRIFT_NETBOX_TOKEN"));
        assertThat(drift.dependsOn()).containsEntry("postgres", "service_healthy")
                .containsEntry("redis", "service_healthy").containsKey("netbox");
        assertThat(composeService("netbox-worker").raw().get("command").toString()).contains("rqworker");
        assertThat(composeService("redis").raw().get("command").toString()).contains("--appendonly yes");
        // Every container but the agent, which serves nothing: its liveness is the agent.heartbeat stream.
        assertThat(map(compose().get("services"))).allSatisfy((name, service) -> assertThat(map(service)).as(name)
                .matches(s -> name.equals("drift-agent") || s.containsKey("healthcheck"), "has a healthcheck"));
    }

    @Test
    void everyVariableComposeInterpolatesIsInTheEnvExample() {
        Set<String> interpolated = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)")
                .matcher(read(DEPLOY.resolve("docker-compose.yml"))).results().map(r -> r.group(1))
                .collect(Collectors.toSet());

        assertThat(interpolated).contains("DRIFT_DB_PASSWORD", "DRIFT_NETBOX_TOKEN")
                .isSubsetOf(envFile(DEPLOY.resolve(".env.example")).keySet());
    }

    @Test
    void portsAndHealthChecksAreTheServiceHttpPortAndHealthPath() {
        int port = servicePort();
        Dockerfile dockerfile = Dockerfile.read(DEPLOY.resolve("docker/service.Dockerfile"));
        Map<String, Object> deployment = container(k8s("Deployment", "drift-service"));
        Map<String, Object> podMetadata = map(map(map(k8s("Deployment", "drift-service").get("spec"))
                .get("template")).get("metadata"));

        assertThat(port).isEqualTo(8080);
        assertThat(contractPaths()).contains("/health");
        assertThat(map(map(applicationYml.get("endpoints")).get("health")))
                .containsEntry("enabled", true).containsEntry("sensitive", false);
        assertThat(dockerfile.args("EXPOSE")).containsExactly(String.valueOf(port));
        assertLocalHealthUrl(String.join(" ", dockerfile.args("HEALTHCHECK")), port);
        assertLocalHealthUrl(composeService("drift-service").raw().get("healthcheck").toString(), port);
        assertThat(composeService("drift-service").raw().get("ports").toString()).contains(":" + port);
        assertThat(list(deployment.get("ports"))).extracting(p -> map(p).get("containerPort")).containsExactly(port);
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> httpGet = map(map(deployment.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).as(probe).isEqualTo(port);
            assertThat(HEALTH_PATHS).as(probe).contains((String) httpGet.get("path"));
        }
        assertThat(map(podMetadata.get("annotations"))).containsEntry("prometheus.io/port", String.valueOf(port));
        assertThat(map(k8s("ConfigMap", "drift-service-config").get("data")))
                .containsEntry("DRIFT_HTTP_PORT", String.valueOf(port));
    }

    @Test
    void prometheusIsScrapedAtTheServicesPath() {
        Map<String, Object> monitor = map(k8s("ServiceMonitor", "drift-service").get("spec"));
        Map<String, Object> endpoint = map(list(monitor.get("endpoints")).getFirst());
        Map<String, Object> annotations = map(map(map(map(k8s("Deployment", "drift-service").get("spec"))
                .get("template")).get("metadata")).get("annotations"));
        List<Object> servicePorts = list(map(k8s("Service", "drift-service").get("spec")).get("ports"));

        assertThat(contractPaths()).contains("/prometheus");
        assertThat(map(map(applicationYml.get("endpoints")).get("prometheus"))).containsEntry("enabled", true);
        assertThat(endpoint).containsEntry("path", "/prometheus");
        assertThat(annotations).containsEntry("prometheus.io/path", "/prometheus")
                .containsEntry("prometheus.io/scrape", "true");
        assertThat(servicePorts).extracting(p -> map(p).get("name")).contains(endpoint.get("port"));
        assertThat(labels(k8s("Service", "drift-service")))
                .containsAllEntriesOf(matchLabels(monitor.get("selector")));
    }

    @Test
    void driftImagesAreTheOnesTheDockerfilesBuild() {
        String version = projectVersion();
        Map<String, String> builtBy = Map.of("drift/drift-service", "deploy/docker/service.Dockerfile",
                "drift/drift-agent", "deploy/docker/agent.Dockerfile");
        List<String> images = new ArrayList<>();
        for (Path file : List.of(DEPLOY.resolve("docker-compose.yml"), K8S.resolve("service-deployment.yaml"),
                K8S.resolve("agent-daemonset.yaml"))) {
            Matcher m = DRIFT_IMAGE.matcher(read(file));
            while (m.find()) {
                images.add(m.group());
            }
        }

        assertThat(images).hasSize(4).allMatch(i -> builtBy.containsKey(i.substring(0, i.indexOf(':'))))
                .allMatch(i -> i.endsWith(":" + version));
        builtBy.forEach((image, dockerfile) -> {
            String name = image.substring(image.indexOf('/') + 1);
            assertThat(String.join(" ", Dockerfile.read(REPO.resolve(dockerfile)).args("LABEL")))
                    .contains("org.opencontainers.image.title=\"" + name + "\"");
            assertThat(composeBuilding(image).get("dockerfile")).isEqualTo(dockerfile);
            assertThat(read(REPO.resolve(dockerfile))).contains("-t " + image + ":" + version + " .");
        });
        assertThat(list(kustomization().get("images"))).map(DeployFilesTest::map)
                .allSatisfy(i -> assertThat(i).containsEntry("newTag", version)
                        .extracting(x -> x.get("name")).isIn(builtBy.keySet()));
    }

    @Test
    void dockerfilesAreMultiStageAndRunAsAnUnprivilegedUser() {
        for (String name : List.of("service", "agent")) {
            Dockerfile dockerfile = Dockerfile.read(DEPLOY.resolve("docker/" + name + ".Dockerfile"));

            assertThat(dockerfile.args("FROM")).as(name)
                    .containsExactly("eclipse-temurin:21-jdk AS build", "eclipse-temurin:21-jre");
            assertThat(dockerfile.args("USER")).as(name).singleElement()
                    .matches(user -> !user.startsWith("root") && !user.matches("0(:.*)?"));
            assertThat(dockerfile.copiedSources()).as(name).allMatch(source -> Files.exists(REPO.resolve(source)));
        }
        assertThat(Dockerfile.read(DEPLOY.resolve("docker/service.Dockerfile")).args("HEALTHCHECK")).hasSize(1);
        // The agent serves nothing: it is healthy while it rewrites <state-dir>/alive after each heartbeat.
        assertThat(Dockerfile.read(DEPLOY.resolve("docker/agent.Dockerfile")).args("HEALTHCHECK")).singleElement()
                .asString().contains("/var/lib/drift-agent/alive");
        assertThat(container(k8s("DaemonSet", "drift-agent")).get("livenessProbe").toString())
                .contains("/var/lib/drift-agent/alive");
    }

    @Test
    void agentImageAndUnitRunWithTheJvmSettingsOfJvmOptions() {
        String options = "/opt/drift-agent/jvm.options";
        Dockerfile image = Dockerfile.read(DEPLOY.resolve("docker/agent.Dockerfile"));

        assertThat(image.args("COPY")).contains("deploy/agent/jvm.options " + options);
        assertThat(image.args("ENTRYPOINT")).singleElement().asString()
                .startsWith("[\"java\", \"@" + options + "\", \"-jar\"");
        String unit = read(DEPLOY.resolve("systemd/drift-agent.service"));
        assertThat(unit).contains("cp deploy/agent/jvm.options " + options)
                .contains("ExecStart=/usr/bin/java @" + options + " -jar ");
        assertThat(unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow())
                .as("JVM flags live in jvm.options only").doesNotContain("-Xmx").doesNotContain("-XX:");
    }

    @Test
    void agentsReadTheHostsEtcReadOnly() {
        Map<String, Object> daemonSet = podSpec(k8s("DaemonSet", "drift-agent"));
        Map<String, Object> agent = container(k8s("DaemonSet", "drift-agent"));
        Map<String, String> hostPaths = list(daemonSet.get("volumes")).stream().map(DeployFilesTest::map)
                .filter(v -> v.containsKey("hostPath"))
                .collect(Collectors.toMap(v -> (String) v.get("name"),
                        v -> (String) map(v.get("hostPath")).get("path")));
        Map<String, Object> etcMount = list(agent.get("volumeMounts")).stream().map(DeployFilesTest::map)
                .filter(m -> "/etc".equals(hostPaths.get(m.get("name")))).findFirst().orElseThrow();

        assertThat(etcMount).containsEntry("mountPath", "/host/etc").containsEntry("readOnly", true);
        assertThat(list(daemonSet.get("tolerations"))).contains(Map.of("operator", "Exists"));
        assertThat(map(map(agent.get("resources")).get("limits"))).containsEntry("memory", "128Mi");
        assertThat(list(agent.get("env"))).contains(Map.of("name", "DRIFT_CI_ID",
                "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "spec.nodeName"))));
        assertThat(list(composeService("drift-agent").raw().get("volumes"))).contains("/etc:/host/etc:ro");
    }

    @Test
    void agentConfigReadsTheMountedEtcAsTheNodesAndKeepsItsSecretsHashOnly() {
        String text = read(DEPLOY.resolve("docker/drift-agent.yml"));
        Map<String, Object> config = yamlMap(DEPLOY.resolve("docker/drift-agent.yml"));

        Map<String, Object> defaults = yamlMap(AGENT_DEFAULTS);
        Set<String> keys = new TreeSet<>(defaults.keySet());
        keys.add("ci-id"); // commented out there: its default is the host name

        assertThat(read(K8S.resolve("drift-agent.yml"))).isEqualTo(text);
        assertThat(config.keySet()).isSubsetOf(keys);
        assertThat(map(config.get("probes")).keySet()).isSubsetOf(map(defaults.get("probes")).keySet());
        // The host's /etc is mounted at /host/etc: the agent reads under /host and reports /etc/...
        assertThat(config).containsEntry("host-root", "/host");
        // The default watch list and secret patterns (node paths) apply unchanged.
        assertThat(config).doesNotContainKeys("watch", "sensitive");
        assertThat(list(map(list(kustomization().get("configMapGenerator")).getFirst()).get("files")))
                .containsExactly("drift-agent.yml");
    }

    @Test
    void disruptionBudgetAndServiceSelectTheDeploymentsPods() {
        Map<String, Object> deployment = map(k8s("Deployment", "drift-service").get("spec"));
        Map<String, Object> podLabels = labels(map(deployment.get("template")));
        Map<String, Object> budget = map(k8s("PodDisruptionBudget", "drift-service").get("spec"));

        assertThat(deployment).containsEntry("replicas", 3);
        assertThat(podLabels).containsAllEntriesOf(matchLabels(deployment.get("selector")))
                .containsAllEntriesOf(matchLabels(budget.get("selector")))
                .containsAllEntriesOf(map(map(k8s("Service", "drift-service").get("spec")).get("selector")));
        assertThat(budget).containsEntry("minAvailable", 2);
        Map<String, Object> daemonSet = map(k8s("DaemonSet", "drift-agent").get("spec"));
        assertThat(labels(map(daemonSet.get("template")))).containsAllEntriesOf(matchLabels(daemonSet.get("selector")));
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            Set<String> manifests = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !f.equals("kustomization.yaml")).collect(Collectors.toSet());

            assertThat(list(kustomization().get("resources"))).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void noSecretIsCommitted() {
        Pattern secretName = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|WEBHOOK_URL).*");

        assertThat(map(k8s("Secret", "drift-service-secrets").get("stringData")).values())
                .allMatch(v -> v.toString().matches("<.+>"));
        envFile(DEPLOY.resolve(".env.example")).forEach((k, v) -> {
            if (secretName.matcher(k).matches()) {
                assertThat(v).as(".env.example " + k).isEmpty();
            }
        });
        assertThat(map(compose().get("services"))).allSatisfy((name, service) ->
                new ComposeService(map(service)).environment().forEach((k, v) -> {
                    if (secretName.matcher(k).matches()) {
                        assertThat(v).as(name + " " + k).startsWith("${");
                    }
                }));
        assertThat(read(DEPLOY.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void systemdUnitIsHardenedAndRestartsTheAgent() {
        Map<String, List<String>> unit = unitFile(DEPLOY.resolve("systemd/drift-agent.service"));
        Set<String> defined = new TreeSet<>(envFile(DEPLOY.resolve("systemd/drift-agent.env.example")).keySet());
        unit.getOrDefault("Environment", List.of()).forEach(e -> defined.add(e.substring(0, e.indexOf('='))));
        String execStart = unit.get("ExecStart").getFirst();

        assertThat(unit).containsEntry("ProtectSystem", List.of("strict"))
                .containsEntry("ReadOnlyPaths", List.of("/etc"))
                .containsEntry("ReadWritePaths", List.of("/var/lib/drift-agent"))
                .containsEntry("NoNewPrivileges", List.of("yes"))
                .containsEntry("Restart", List.of("always"))
                .containsKeys("MemoryMax", "User", "EnvironmentFile");
        assertThat(execStart).contains(" -jar /opt/drift-agent/drift-agent.jar", "--config ");
        assertThat(PLACEHOLDER.matcher(execStart).results().map(r -> r.group(1))).isSubsetOf(defined);
    }

    // --- the service's side ---

    /** Whether the service reads the variable: an application.yml placeholder, or Micronaut's mapping to a property. */
    private boolean serviceReads(String variable) {
        if (placeholders().contains(variable)) {
            return true;
        }
        Set<String> properties = serviceProperties();
        return propertyCandidates(variable).stream().anyMatch(candidate -> properties.stream()
                .anyMatch(p -> candidate.matches(Pattern.quote(p).replace("*", "\\E[^.]+\\Q"))));
    }

    private Set<String> placeholders() {
        return PLACEHOLDER.matcher(read(APPLICATION_YML)).results().map(r -> r.group(1)).collect(Collectors.toSet());
    }

    /** Properties of application.yml and of every configuration record (Micronaut's own metadata). */
    private Set<String> serviceProperties() {
        Set<String> properties = new TreeSet<>();
        flatten("", applicationYml, properties);
        try {
            JsonNode metadata = new ObjectMapper().readTree(CONFIG_METADATA.toFile());
            metadata.get("properties").forEach(p -> properties.add(p.get("name").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Micronaut maps FOO_BAR_BAZ to every join of foo, bar, baz with "." or "-". */
    private static List<String> propertyCandidates(String variable) {
        String[] words = variable.toLowerCase().split("_");
        List<String> candidates = new ArrayList<>();
        for (int separators = 0; separators < 1 << (words.length - 1); separators++) {
            StringBuilder candidate = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                candidate.append((separators >> (i - 1) & 1) == 0 ? '.' : '-').append(words[i]);
            }
            candidates.add(candidate.toString());
        }
        return candidates;
    }

    private static void flatten(String prefix, Map<String, Object> tree, Set<String> into) {
        tree.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            into.add(path);
            if (value instanceof Map<?, ?>) {
                flatten(path, map(value), into);
            }
        });
    }

    private int servicePort() {
        String port = (String) map(map(applicationYml.get("micronaut")).get("server")).get("port");
        Matcher m = Pattern.compile("\\$\\{DRIFT_HTTP_PORT:(\\d+)}").matcher(port);
        assertThat(m.matches()).as("micronaut.server.port is ${DRIFT_HTTP_PORT:<default>}: " + port).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Set<String> contractPaths() {
        return map(yamlMap(REPO.resolve("openapi/drift-api.yaml")).get("paths")).keySet();
    }

    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>drift-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(REPO.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void assertLocalHealthUrl(String command, int port) {
        Matcher url = LOCAL_URL.matcher(command);
        assertThat(url.find()).as(command).isTrue();
        assertThat(Integer.parseInt(url.group(1))).as(command).isEqualTo(port);
        assertThat(HEALTH_PATHS).as(command).contains(url.group(2));
    }

    // --- compose ---

    /** One service of docker-compose.yml. */
    private record ComposeService(Map<String, Object> raw) {
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            map(raw.getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
            return env;
        }

        Map<String, String> dependsOn() {
            Map<String, String> conditions = new LinkedHashMap<>();
            map(raw.get("depends_on")).forEach((k, v) -> conditions.put(k, (String) map(v).get("condition")));
            return conditions;
        }
    }

    private static Map<String, Object> compose() {
        return yamlMap(DEPLOY.resolve("docker-compose.yml"));
    }

    private static ComposeService composeService(String name) {
        Map<String, Object> service = map(map(compose().get("services")).get(name));
        assertThat(service).as("compose service " + name).isNotNull();
        return new ComposeService(service);
    }

    /** The build section of the compose service running {@code image}; its dockerfile is relative to the repository. */
    private static Map<String, Object> composeBuilding(String image) {
        Map<String, Object> build = map(compose().get("services")).values().stream().map(DeployFilesTest::map)
                .filter(s -> String.valueOf(s.get("image")).startsWith(image + ":"))
                .map(s -> map(s.get("build"))).findFirst().orElseThrow();
        assertThat(build).containsEntry("context", "..");
        return build;
    }

    // --- Kubernetes ---

    private static Map<String, Object> k8s(String kind, String name) {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).flatMap(f -> documents(f).stream())
                    .map(DeployFilesTest::map)
                    .filter(d -> kind.equals(d.get("kind")) && name.equals(map(d.get("metadata")).get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> kustomization() {
        return yamlMap(K8S.resolve("kustomization.yaml"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(podSpec(workload).get("containers")).getFirst());
    }

    private static Set<String> envNames(Map<String, Object> container) {
        return list(container.get("env")).stream().map(e -> (String) map(e).get("name")).collect(Collectors.toSet());
    }

    private static Map<String, Object> labels(Map<String, Object> object) {
        return map(map(object.get("metadata")).get("labels"));
    }

    private static Map<String, Object> matchLabels(Object selector) {
        return map(map(selector).get("matchLabels"));
    }

    // --- Dockerfiles, unit and env files ---

    /** A Dockerfile's instructions, continuation lines joined and comments dropped. */
    private record Dockerfile(List<String[]> instructions) {
        static Dockerfile read(Path file) {
            String joined = DeployFilesTest.read(file).lines().filter(l -> !l.stripLeading().startsWith("#"))
                    .collect(Collectors.joining("\n")).replaceAll("\\\\\n", " ");
            return new Dockerfile(joined.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> l.split("\\s+", 2)).toList());
        }

        List<String> args(String keyword) {
            return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1].strip()).toList();
        }

        /** Sources of COPY instructions from the build context (not from a stage), relative to the repository. */
        List<String> copiedSources() {
            return args("COPY").stream().filter(a -> !a.startsWith("--from")).flatMap(a -> {
                String[] parts = a.split("\\s+");
                return Stream.of(parts).limit(parts.length - 1);
            }).toList();
        }
    }

    /** A systemd unit's directives; a directive given more than once keeps every value. */
    private static Map<String, List<String>> unitFile(Path file) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("["))
                .forEach(l -> directives.computeIfAbsent(l.substring(0, l.indexOf('=')), k -> new ArrayList<>())
                        .add(l.substring(l.indexOf('=') + 1)));
        return directives;
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return values;
    }

    private static Set<String> driftVariables(String text) {
        return DRIFT_VARIABLE.matcher(text).results().map(MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- YAML and files ---

    private static List<Object> documents(Path file) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file)).forEach(documents::add);
        return documents;
    }

    private static Map<String, Object> yamlMap(Path file) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
