package io.iocstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.iocstream.cli.Main;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ agrees with the operator and with the job: the FlinkDeployment is valid under the Flink Kubernetes
 * Operator's CRD schema (1.15.0, unknown fields refused as the API server's strict field validation does), and the
 * Dockerfile, the manifests and flink-conf name the same jar, entry class, configuration, secrets, topics and
 * checkpoint settings.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("deploy/k8s");
    /** The operator's CRD, copied from ../shared/data/k8s (release-1.15.0; src/test/resources/SOURCES.tsv). */
    static final Path CRD = Path.of("src/test/resources/k8s/flinkdeployments.flink.apache.org-v1.yml");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** config.yaml keys that differ on Kubernetes, each checked on its own below. */
    private static final Set<String> KUBERNETES_OWN = Set.of("execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir", "rest.port", "parallelism.default",
            "taskmanager.memory.process.size", "jobmanager.memory.process.size");

    static JsonSchema schema;
    static JsonNode deployment;
    static JsonNode configMap;
    static JsonNode secret;
    static List<JsonNode> topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        schema = strictSchema(CRD);
        deployment = YAML.readTree(DEPLOY.resolve("flinkdeployment.yaml").toFile());
        configMap = YAML.readTree(DEPLOY.resolve("configmap.yaml").toFile());
        secret = YAML.readTree(DEPLOY.resolve("secret.yaml").toFile());
        topics = documents(DEPLOY.resolve("kafka-topics.yaml"));
    }

    @Test
    void theFlinkDeploymentIsValidUnderTheOperatorsSchema() {
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(schema.validate(deployment)).isEmpty();
    }

    @Test
    void aMisspeltOrMisplacedFieldIsRefused() {
        ObjectNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.path("spec").path("job")).put("upgradeMod", "last-state");
        assertThat(schema.validate(misspelt)).extracting(ValidationMessage::getMessage)
                .anyMatch(message -> message.contains("upgradeMod"));

        ObjectNode misplaced = deployment.deepCopy();
        ((ObjectNode) misplaced.path("spec")).put("entryClass", Main.class.getName());
        assertThat(schema.validate(misplaced)).isNotEmpty();

        ObjectNode unknownVersion = deployment.deepCopy();
        ((ObjectNode) unknownVersion.path("spec")).put("flinkVersion", "v2_3");
        assertThat(schema.validate(unknownVersion)).isNotEmpty();
    }

    @Test
    void theJobRunsAsTheIssueAsks() {
        JsonNode spec = deployment.path("spec");
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("last-state");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(flink.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(flink.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(flink.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        List<String> autoscaler = new ArrayList<>();
        flink.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("job.autoscaler.")) {
                autoscaler.add(key);
            }
        });
        assertThat(autoscaler).contains("job.autoscaler.enabled", "job.autoscaler.utilization.target")
                .as("deprecated").doesNotContain("job.autoscaler.target.utilization");
    }

    @Test
    void theFlinkSettingsAreFlinkConfsButForWhatKubernetesOwns() throws IOException {
        JsonNode shipped = YAML.readTree(Path.of("flink-conf/config.yaml").toFile());
        JsonNode spec = deployment.path("spec");
        JsonNode flink = spec.path("flinkConfiguration");
        shipped.fields().forEachRemaining(entry -> {
            if (!KUBERNETES_OWN.contains(entry.getKey())) {
                assertThat(flink.path(entry.getKey()).asText()).as(entry.getKey())
                        .isEqualTo(entry.getValue().asText());
            }
        });
        assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(shipped.path("parallelism.default").asInt());
        assertThat(spec.path("taskManager").path("resource").path("memory").asText())
                .isEqualTo(shipped.path("taskmanager.memory.process.size").asText());
        assertThat(spec.path("jobManager").path("resource").path("memory").asText())
                .isEqualTo(shipped.path("jobmanager.memory.process.size").asText());
    }

    @Test
    void theImageHoldsTheClusterJarWhereJarUriPointsOnTheFlinkOfThePom() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));
        String flinkVersion = group(pom, "<flink.version>([^<]+)</flink.version>");
        assertThat(group(dockerfile, "(?m)^FROM (\\S+)")).isEqualTo("flink:" + flinkVersion + "-java17");

        String clusterJar = group(pom, "<outputFile>\\$\\{project.build.directory}/([^<]+-cluster\\.jar)</outputFile>");
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*target/(\\S+) (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).as("a COPY of the jar").isTrue();
        assertThat(copy.group(1)).isEqualTo(clusterJar);
        JsonNode job = deployment.path("spec").path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + copy.group(2))
                .startsWith("local:///opt/flink/usrlib/");
        assertThat(job.path("entryClass").asText()).isEqualTo(Main.class.getName())
                .isEqualTo(group(pom, "<mainClass>([^<]+)</mainClass>"));
    }

    @Test
    void theJobReadsTheMountedConfigurationAndTheSecretsToken() throws IOException {
        JsonNode job = deployment.path("spec").path("job");
        List<String> args = new ArrayList<>();
        job.path("args").forEach(arg -> args.add(arg.asText()));
        assertThat(args).hasSize(3).startsWith("job", "--config");
        Path configPath = Path.of(args.get(2));

        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        Map<String, String> mounts = new HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));

        String configVolume = volumeOf(volumes, "configMap", "name", configMap.path("metadata").path("name").asText());
        assertThat(Path.of(mounts.get(configVolume))).isEqualTo(configPath.getParent());
        assertThat(configMap.path("data").has(configPath.getFileName().toString())).isTrue();
        String secretName = secret.path("metadata").path("name").asText();
        assertThat(mounts).containsKey(volumeOf(volumes, "secret", "secretName", secretName));

        // the ConfigMap's job file is one the job accepts, with the token the pod's environment takes from the Secret
        JobConfig config = readJobFile(configMap.path("data").path(configPath.getFileName().toString()).asText(),
                "a-token");
        String tokenEnv = config.github().tokenEnv();
        JsonNode tokenVariable = null;
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(tokenEnv)) {
                tokenVariable = env;
            }
        }
        assertThat(tokenVariable).as("the pods' " + tokenEnv).isNotNull();
        JsonNode ref = tokenVariable.path("valueFrom").path("secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo(secretName);
        assertThat(secret.path("stringData").has(ref.path("key").asText())).isTrue();
    }

    @Test
    void everyTopicTheJobUsesIsCreated() throws IOException {
        Map<String, JsonNode> created = new HashMap<>();
        for (JsonNode topic : topics) {
            assertThat(topic.path("kind").asText()).isEqualTo("KafkaTopic");
            created.put(topic.path("metadata").path("name").asText(), topic);
        }
        JsonNode job = YAML.readTree(configMap.path("data").path("job.yaml").asText());
        Set<String> used = topicNames(job);
        assertThat(used).as("the job's topics").hasSizeGreaterThanOrEqualTo(4);
        assertThat(created).containsOnlyKeys(used);
        assertThat(topicNames(YAML.readTree(Path.of("flink-conf/job.yaml").toFile())))
                .as("the example job file's topics").isEqualTo(used);
        assertThat(created.get(job.path("feeds").path("kafka").path("topic").asText())
                .path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");

        // the topics belong to the Kafka cluster whose bootstrap service the job reads
        for (JsonNode topic : topics) {
            String cluster = topic.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            assertThat(bootstrapServers(job)).allMatch(servers -> servers.startsWith(cluster + "-kafka-bootstrap:"));
        }
    }

    @Test
    void prometheusScrapesThePortTheReporterServes() throws IOException {
        JsonNode monitor = YAML.readTree(DEPLOY.resolve("podmonitor.yaml").toFile());
        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        String reporterPort = deployment.path("spec").path("flinkConfiguration").path("metrics.reporter.prom.port")
                .asText();
        String portName = monitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
        JsonNode port = null;
        for (JsonNode candidate : pod.path("containers").get(0).path("ports")) {
            if (candidate.path("name").asText().equals(portName)) {
                port = candidate;
            }
        }
        assertThat(port).as("container port " + portName).isNotNull();
        assertThat(port.path("containerPort").asText()).isEqualTo(reporterPort);
        assertThat(monitor.path("spec").path("selector").path("matchLabels").path("app").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText());
    }

    @Test
    void kustomizeAppliesEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(DEPLOY)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(present::add);
        }
        assertThat(listed).isEqualTo(present);
    }

    /** The CRD's openAPIV3Schema, refusing properties it does not declare (where it does not keep unknown ones). */
    static JsonSchema strictSchema(Path crd) throws IOException {
        JsonNode definition = YAML.readTree(crd.toFile());
        JsonNode version = null;
        for (JsonNode candidate : definition.path("spec").path("versions")) {
            if (candidate.path("name").asText().equals("v1beta1")) {
                version = candidate;
            }
        }
        assertThat(version).as("the CRD's v1beta1").isNotNull();
        ObjectNode openApi = version.path("schema").path("openAPIV3Schema").deepCopy();
        refuseUnknownFields(openApi);
        // every resource has these, which the API server checks itself, so CRDs need not declare them
        ObjectNode properties = (ObjectNode) openApi.path("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
    }

    private static void refuseUnknownFields(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.forEach(DeployManifestsTest::refuseUnknownFields);
        } else if (node.isArray()) {
            node.forEach(DeployManifestsTest::refuseUnknownFields);
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** Every value of a {@code topic} or {@code ..._topic} key in a job file. */
    static Set<String> topicNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()
                    && (field.getKey().equals("topic") || field.getKey().endsWith("_topic"))) {
                names.add(field.getValue().asText());
            } else if (field.getValue().isObject()) {
                names.addAll(topicNames(field.getValue()));
            }
        });
        return names;
    }

    private static List<String> bootstrapServers(JsonNode node) {
        List<String> servers = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("bootstrap_servers")) {
                servers.add(field.getValue().asText());
            } else if (field.getValue().isObject()) {
                servers.addAll(bootstrapServers(field.getValue()));
            }
        });
        return servers;
    }

    private static String volumeOf(Map<String, JsonNode> volumes, String kind, String field, String name) {
        return volumes.entrySet().stream()
                .filter(volume -> volume.getValue().path(kind).path(field).asText().equals(name))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " volume of " + name));
    }

    private JobConfig readJobFile(String yaml, String token) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return JobConfigReader.read(file, name -> name.equals("GITHUB_TOKEN") ? token : null);
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }
}
