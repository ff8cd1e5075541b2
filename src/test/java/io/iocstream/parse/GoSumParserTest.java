package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoSumParserTest {

    private final GoSumParser parser = new GoSumParser();

    @Test
    void reportsEachModuleVersionOnceWithoutTheGoModSuffix() throws Exception {
        assertThat(parseAll(parser, lockfile("go/go.sum"))).containsExactlyInAnyOrder(
                new Dependency("Go", "github.com/davecgh/go-spew", "v1.1.0"),
                new Dependency("Go", "github.com/davecgh/go-spew", "v1.1.1"),
                new Dependency("Go", "github.com/pmezard/go-difflib", "v1.0.0"),
                new Dependency("Go", "github.com/sirupsen/logrus", "v1.9.3"),
                new Dependency("Go", "github.com/stretchr/objx", "v0.1.0"),
                new Dependency("Go", "github.com/stretchr/testify", "v1.7.0"),
                new Dependency("Go", "golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8"),
                new Dependency("Go", "gopkg.in/check.v1", "v0.0.0-20161208181325-20d25e280405"),
                new Dependency("Go", "gopkg.in/yaml.v3", "v3.0.0-20200313102051-9f266ea9e77c"));
    }

    @Test
    void anEmptyGoSumBelongsToAModuleWithoutDependencies() throws Exception {
        assertThat(parseAll(parser, new byte[0])).isEmpty();
    }

    @Test
    void handlesGoSumOutsideVendor() {
        assertThat(parser.handles("go.sum")).isTrue();
        assertThat(parser.handles("vendor/x/go.sum")).isFalse();
    }

    @Test
    void aMalformedLineIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, truncated("go/go.sum", 275))).containsExactly("line 4: go.sum: malformed line");
        assertThat(skippedIn(parser, lockfile("gradle/gradle.lockfile"))).hasSize(9)
                .allMatch(skipped -> skipped.endsWith(": go.sum: malformed line"));
        assertThat(skippedIn(parser, new byte[] {(byte) 0xc3, (byte) 0x28}))
                .containsExactly("line 1: go.sum: line is not UTF-8 text");
        // the fields are read in place: a line lacking one must not borrow it from the next line
        byte[] noColon = utf8("golang.org/x/text v0.3.0 h1noColon\ngolang.org/x/net v0.1.0 h1:abc=\n");
        assertThat(skippedIn(parser, noColon)).containsExactly("line 1: go.sum: malformed line");
        assertThat(parser.parse(noColon, new SkippedEntries())).extracting(Dependency::identity)
                .containsExactly(new Dependency("Go", "golang.org/x/net", "v0.1.0"));
        assertThat(skippedIn(parser, utf8("golang.org/x/text v0.3.0\nh1:abc=\n")))
                .containsExactly("line 1: go.sum: malformed line", "line 2: go.sum: malformed line");
    }

    @Test
    void readsLinesWithCarriageReturnsAndSurroundingBlanks() throws Exception {
        assertThat(parseAll(parser, utf8("  golang.org/x/text v0.3.0 h1:abc= \r\n\r\ngolang.org/x/text v0.3.0/go.mod h1:x=\r\n")))
                .containsExactly(new Dependency("Go", "golang.org/x/text", "v0.3.0"));
    }
}
