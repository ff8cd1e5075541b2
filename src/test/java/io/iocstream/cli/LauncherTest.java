package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/iocstream}'s first-use build, run for real on a one-class project of the same layout (the real one
 * takes minutes): the build's output goes to stderr, the program's to stdout, and neither carries terminal codes.
 */
class LauncherTest {

    private static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>io.iocstream.test</groupId>
              <artifactId>launcher</artifactId>
              <version>1</version>
              <properties>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <build>
                <finalName>iocstream</finalName>
                <plugins>
                  <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                  <plugin>
                    <artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
                    <configuration><archive><manifest><mainClass>Hello</mainClass></manifest></archive></configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @TempDir
    Path root;

    @Test
    void firstUseBuildWritesNoTerminalCodesAndKeepsStdoutForTheProgram() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/iocstream"), root.resolve("bin/iocstream"));
        Files.writeString(root.resolve("pom.xml"), POM);
        Path sources = Files.createDirectories(root.resolve("src/main/java"));
        Files.writeString(sources.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello \" + a[0]); } }");

        ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("bin/iocstream").toString(), "demo")
                .redirectOutput(root.resolve("stdout").toFile()).redirectError(root.resolve("stderr").toFile());
        launcher.environment().remove("JAVA_OPTS");
        Process run = launcher.start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("built and ran within 5 minutes").isTrue();
        String stderr = Files.readString(root.resolve("stderr"));

        assertThat(run.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
        assertThat(root.resolve("target/iocstream.jar")).exists();
        assertThat(Files.readString(root.resolve("stdout"))).isEqualTo("hello demo\n");
        assertThat(stderr).startsWith("iocstream: building").doesNotContain("\u001b");
    }
}
