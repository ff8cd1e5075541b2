package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.iocstream.parse.Fixtures.parsePlaced;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PomXmlParserTest {

    private final PomXmlParser parser = new PomXmlParser();

    @Test
    void readsDependenciesManagementAndProfilesWithPropertiesResolved() throws Exception {
        assertThat(parseAll(parser, lockfile("maven/pom.xml"))).containsExactlyInAnyOrder(
                new Dependency("Maven", "junit:junit", "4.12"),
                new Dependency("Maven", "org.example:abc", "1.0.1"),
                new Dependency("Maven", "org.example:exclusions", "1.0.0"),
                new Dependency("Maven", "org.example:xyz", "2.0.0"),
                new Dependency("Maven", "org.example:no-version", "2.0.0"),
                new Dependency("Maven", "org.import:import", "1.0.0"),
                new Dependency("Maven", "org.profile:abc", "1.2.3"),
                new Dependency("Maven", "org.profile:def", "2.3.4"),
                new Dependency("Maven", "org.import:xyz", "6.6.6"));
    }

    @Test
    void resolvesProjectVersionAndNestedPropertiesButNotParentOnesOrRanges() throws Exception {
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <groupId>com.example</groupId>
                  <artifactId>app</artifactId>
                  <version>3.1.4</version>
                  <properties>
                    <jackson.major>2.17</jackson.major>
                    <jackson.version>${jackson.major}.1</jackson.version>
                  </properties>
                  <dependencies>
                    <dependency><groupId>${project.groupId}</groupId><artifactId>core</artifactId>
                      <version>${project.version}</version></dependency>
                    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>
                      <version>${jackson.version}</version></dependency>
                    <dependency><groupId>org.example</groupId><artifactId>from-parent</artifactId>
                      <version>${defined.in.parent}</version></dependency>
                    <dependency><groupId>org.example</groupId><artifactId>ranged</artifactId>
                      <version>[1.0,2.0)</version></dependency>
                  </dependencies>
                </project>
                """;
        assertThat(parseAll(parser, utf8(pom))).containsExactly(
                new Dependency("Maven", "com.example:core", "3.1.4"),
                new Dependency("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.17.1"));
    }

    @Test
    void refusesAnExternalEntityAndNeverReadsTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cr3t-token");
        String pom = """
                <?xml version="1.0"?>
                <!DOCTYPE project [ <!ENTITY leak SYSTEM "%s"> ]>
                <project>
                  <dependencies>
                    <dependency><groupId>org.example</groupId><artifactId>x</artifactId><version>&leak;</version></dependency>
                  </dependencies>
                </project>
                """.formatted(secret.toUri());

        assertThatThrownBy(() -> parseAll(parser, utf8(pom)))
                .isExactlyInstanceOf(DependencyFileException.class)
                .hasMessageNotContaining("s3cr3t-token")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAnEntityExpansionBomb() {
        String pom = """
                <?xml version="1.0"?>
                <!DOCTYPE project [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
                <project><version>&b;</version></project>
                """;
        assertRejected(parser, utf8(pom));
    }

    /** Properties that repeat the next ten times: seven levels are ten million characters, ten levels ten billion. */
    @Test
    void aPropertyExpansionBombIsSkippedAndTheOtherDependenciesAreRead() throws Exception {
        StringBuilder properties = new StringBuilder();
        for (int level = 0; level < 7; level++) {
            properties.append("<p").append(level).append('>')
                    .append(("${p" + (level + 1) + "}").repeat(10)).append("</p").append(level).append('>');
        }
        properties.append("<p7>1</p7>");
        String pom = "<project><properties>" + properties + "</properties><dependencies>"
                + "<dependency><groupId>org.evil</groupId><artifactId>bomb</artifactId><version>${p0}</version>"
                + "</dependency>"
                + "<dependency><groupId>org.example</groupId><artifactId>ok</artifactId><version>1.0.0</version>"
                + "</dependency></dependencies></project>";
        SkippedEntries skipped = new SkippedEntries();

        assertThat(parser.parse(utf8(pom), skipped)).extracting(Dependency::identity)
                .containsExactly(new Dependency("Maven", "org.example:ok", "1.0.0"));
        assertThat(skipped.listed()).extracting(SkippedEntry::entry, SkippedEntry::reason).containsExactly(tuple(
                "entry org.evil:bomb", "pom.xml: longer than 256 characters once its properties are expanded"));
    }

    @Test
    void handlesPomXmlOnly() {
        assertThat(parser.handles("module/pom.xml")).isTrue();
        assertThat(parser.handles("module/build.xml")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("maven/pom.xml", 1020));
        assertRejected(parser, lockfile("nuget/packages.lock.json"));
        assertRejected(parser, utf8("<settings><profiles/></settings>"));
    }

    @Test
    void eachDependencyKeepsTheLineOfItsTagItsMappedScopeAndItsRelationship() throws Exception {
        assertThat(parsePlaced(parser, lockfile("maven/pom.xml")))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope,
                        Dependency::relationship)
                .containsExactly(
                        tuple("junit:junit", "4.12", 33, "dev", "direct"),
                        // <optional/> is empty, which Maven reads as false
                        tuple("org.example:abc", "1.0.1", 39, "runtime", "direct"),
                        tuple("org.example:exclusions", "1.0.0", 49, "runtime", "direct"),
                        tuple("org.example:xyz", "2.0.0", 64, null, null),
                        // declared without a version in <dependencies>: direct, in the declaration's scope
                        tuple("org.example:no-version", "2.0.0", 69, "runtime", "direct"),
                        tuple("org.import:import", "1.0.0", 74, null, null),
                        tuple("org.profile:abc", "1.2.3", 94, "runtime", "direct"),
                        tuple("org.profile:def", "2.3.4", 99, "runtime", "direct"),
                        tuple("org.import:xyz", "6.6.6", 110, null, null));
    }

    @Test
    void mavenScopesMapToRuntimeDevAndOptional() throws Exception {
        String pom = """
                <project><properties><s>test</s></properties>
                <dependencies>
                <dependency><groupId>g</groupId><artifactId>compile</artifactId><version>1</version></dependency>
                <dependency><groupId>g</groupId><artifactId>runtime</artifactId><version>1</version>
                  <scope>runtime</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>provided</artifactId><version>1</version>
                  <scope>provided</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>test</artifactId><version>1</version>
                  <scope>${s}</scope><optional>true</optional></dependency>
                <dependency><groupId>g</groupId><artifactId>optional</artifactId><version>1</version>
                  <optional>true</optional></dependency>
                <dependency><groupId>g</groupId><artifactId>managed</artifactId></dependency>
                </dependencies>
                <dependencyManagement><dependencies>
                <dependency><groupId>g</groupId><artifactId>managed</artifactId><version>2</version>
                  <scope>test</scope></dependency>
                </dependencies></dependencyManagement>
                </project>
                """;
        assertThat(parsePlaced(parser, utf8(pom)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("g:compile", 3, "runtime", "direct"), tuple("g:runtime", 4, "runtime", "direct"),
                        tuple("g:provided", 6, "dev", "direct"), tuple("g:test", 8, "dev", "direct"),
                        tuple("g:optional", 10, "optional", "direct"), tuple("g:managed", 15, "dev", "direct"));
    }
}
