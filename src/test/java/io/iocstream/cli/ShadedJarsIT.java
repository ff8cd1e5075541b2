package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two jars the build makes: {@code target/iocstream.jar} (what bin/iocstream runs, Flink included) and
 * {@code target/iocstream-cluster.jar} (what a Flink cluster is given, Flink left out). Neither may hold a class
 * that two of the artifacts it is made of define differently (kafka-clients' lz4 fork and flink-runtime's lz4 are
 * both {@code net.jpountz.*}): the shade plugin would keep one of them in silence.
 */
class ShadedJarsIT {

    private static final Path LOCAL = Path.of("target/iocstream.jar");
    private static final Path CLUSTER = Path.of("target/iocstream-cluster.jar");
    /** What pom.xml's shade filters leave out of an artifact: its artifact id and the path the filter starts at. */
    private static final Map<String, String> FILTERED = Map.of(
            "flink-shaded-jackson", "META-INF/versions/",
            "flink-connector-files", "org/apache/flink/connector/base/");

    @Test
    void noClassOfEitherJarIsDefinedDifferentlyByTwoArtifacts() throws IOException {
        for (Path jar : List.of(LOCAL, CLUSTER)) {
            assertThat(conflicts(jar)).as(jar + ": classes two artifacts define differently").isEmpty();
        }
    }

    @Test
    void theLz4ClassesAreKafkaClientsFork() throws IOException {
        for (Path jar : List.of(LOCAL, CLUSTER)) {
            assertThat(owners("net/jpountz/lz4/LZ4Factory.class")).as(jar.toString())
                    .singleElement().asString().contains("at/yawk/lz4");
        }
    }

    @Test
    void theClusterJarLeavesFlinkToTheCluster() throws IOException {
        try (JarFile jar = new JarFile(CLUSTER.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).noneMatch(name -> name.startsWith("org/apache/flink/runtime/"))
                    .noneMatch(name -> name.startsWith("org/apache/flink/streaming/api/"))
                    .noneMatch(name -> name.startsWith("org/rocksdb/"))
                    .noneMatch(name -> name.startsWith("org/apache/logging/log4j/"))
                    .contains("io/iocstream/cli/Main.class",
                            "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                            "org/apache/kafka/clients/consumer/KafkaConsumer.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.iocstream.cli.Main");
        }
    }

    @Test
    void theLocalJarRunsAloneWithFlinkItsWebUiAndRocksDb() throws IOException {
        try (JarFile jar = new JarFile(LOCAL.toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName)).contains(
                    "org/apache/flink/runtime/minicluster/MiniCluster.class",
                    "org/apache/flink/runtime/webmonitor/utils/WebFrontendBootstrap.class",
                    "org/apache/flink/state/rocksdb/EmbeddedRocksDBStateBackend.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.iocstream.cli.Main");
        }
    }

    /**
     * The classes of {@code jar} that the artifacts it is made of define in more than one version, or whose copy in
     * the jar is not theirs. Copies the build filters out of an artifact ({@link #FILTERED}) do not count.
     */
    private static List<String> conflicts(Path jar) throws IOException {
        List<String> conflicts = new ArrayList<>();
        try (JarFile shaded = new JarFile(jar.toFile())) {
            for (ZipEntry entry : shaded.stream().toList()) {
                List<Definition> found = definitions().getOrDefault(entry.getName(), List.of()).stream()
                        .filter(definition -> !filtered(definition.artifact(), entry.getName())).toList();
                if (found.stream().map(Definition::crc).distinct().count() > 1) {
                    conflicts.add(entry.getName() + " defined differently in "
                            + found.stream().map(Definition::artifact).toList());
                } else if (!found.isEmpty() && found.get(0).crc() != entry.getCrc()) {
                    conflicts.add(entry.getName() + " is not the copy of " + found.get(0).artifact());
                }
            }
        }
        return conflicts;
    }

    private static boolean filtered(String artifact, String name) {
        return FILTERED.entrySet().stream().anyMatch(filter -> artifact.contains("/" + filter.getKey() + "-")
                && name.startsWith(filter.getValue()));
    }

    private static List<String> owners(String name) throws IOException {
        return definitions().getOrDefault(name, List.of()).stream().map(Definition::artifact).toList();
    }

    /** One artifact's class file: where it is and its content's checksum. */
    private record Definition(String artifact, long crc) {}

    private static Map<String, List<Definition>> definitions;

    /** Every class file of every runtime artifact, by name (read once). */
    private static synchronized Map<String, List<Definition>> definitions() throws IOException {
        if (definitions == null) {
            definitions = new HashMap<>();
            String classpath = Files.readString(Path.of(System.getProperty("iocstream.runtimeClasspath",
                    "target/runtime-classpath.txt"))).strip();
            for (String artifact : classpath.split(File.pathSeparator)) {
                try (JarFile jar = new JarFile(artifact)) {
                    jar.stream().filter(entry -> entry.getName().endsWith(".class")).forEach(entry -> definitions
                            .computeIfAbsent(entry.getName(), name -> new ArrayList<>())
                            .add(new Definition(artifact, entry.getCrc())));
                }
            }
        }
        return definitions;
    }
}
