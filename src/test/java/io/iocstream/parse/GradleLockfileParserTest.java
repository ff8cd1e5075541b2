package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradleLockfileParserTest {

    private final GradleLockfileParser parser = new GradleLockfileParser();

    @Test
    void readsEveryLockedModuleButNotTheEmptyLine() throws Exception {
        assertThat(parseAll(parser, lockfile("gradle/gradle.lockfile"))).containsExactly(
                new Dependency("Maven", "org.springframework.boot:spring-boot-autoconfigure", "2.7.4"),
                new Dependency("Maven", "org.springframework.boot:spring-boot-configuration-processor", "2.7.5"),
                new Dependency("Maven", "org.springframework.boot:spring-boot-devtools", "2.7.6"),
                new Dependency("Maven", "org.springframework.boot:spring-boot-starter-aop", "2.7.7"),
                new Dependency("Maven", "org.springframework.boot:spring-boot-starter-data-jpa", "2.7.8"));
    }

    @Test
    void handlesProjectAndBuildscriptLockfiles() {
        assertThat(parser.handles("app/gradle.lockfile")).isTrue();
        assertThat(parser.handles("buildscript-gradle.lockfile")).isTrue();
        assertThat(parser.handles("build.gradle")).isFalse();
    }

    @Test
    void rejectsAnEmptyFile() {
        assertRejected(parser, new byte[0]);
    }

    @Test
    void aMalformedLineIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("# header\norg.example:trunc")))
                .containsExactly("line 2: gradle.lockfile: malformed line");
        assertThat(skippedIn(parser, utf8("org.example:lib=runtimeClasspath\n")))
                .containsExactly("line 1: gradle.lockfile: malformed line");
        assertThat(skippedIn(parser, lockfile("go/go.mod"))).hasSize(3);
        // the fields are read in place: each part must lie before the line's own '='
        for (String line : List.of(":lib:1.0=runtimeClasspath", "org.example::1.0=runtimeClasspath",
                "org.example:lib:=runtimeClasspath", "org.example:lib:1.0:extra=runtimeClasspath",
                "org.example:lib:1.0", "org.example:lib\n:1.0=runtimeClasspath", "org.example\nlib:1.0=x")) {
            SkippedEntries skipped = new SkippedEntries();
            assertThat(parser.parse(utf8(line + "\nok.example:lib:2.0=runtimeClasspath\n"), skipped)).as(line)
                    .extracting(Dependency::identity)
                    .containsExactly(new Dependency("Maven", "ok.example:lib", "2.0"));
            assertThat(skipped.count()).as(line).isEqualTo(line.split("\n").length);
        }
    }

    @Test
    void readsLinesWithCarriageReturnsBlanksAndColonsAfterTheEquals() throws Exception {
        assertThat(parseAll(parser, utf8("# comment\r\n  org.example:lib:1.0=runtime:Classpath \r\n\r\n"
                + "org.example:lib:1.0=compileClasspath\r\nempty=annotationProcessor\r\n")))
                .containsExactly(new Dependency("Maven", "org.example:lib", "1.0"));
    }
}
