package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.iocstream.parse.Fixtures.parsePlaced;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class GoModParserTest {

    private final GoModParser parser = new GoModParser();

    @Test
    void readsASingleLineRequire() throws Exception {
        assertThat(parseAll(parser, lockfile("go/go.mod")))
                .containsExactly(new Dependency("Go", "github.com/sirupsen/logrus", "v1.9.3"));
    }

    @Test
    void readsBlocksCommentsAndReplacements() throws Exception {
        String mod = """
                module example.com/app // the module itself is not a dependency

                go 1.22
                toolchain go1.22.2

                require (
                	github.com/google/uuid v1.6.0
                	golang.org/x/sys v0.18.0 // indirect
                	"github.com/quoted/mod" v0.1.0
                	github.com/old/name v1.0.0
                	github.com/pinned/one v1.2.0
                	github.com/local/fork v0.3.0
                )

                require github.com/single/line v2.0.0+incompatible

                exclude github.com/google/uuid v1.5.0

                replace github.com/old/name => github.com/new/name v1.0.1
                replace (
                	github.com/pinned/one v1.1.0 => github.com/other/one v9.9.9
                	github.com/local/fork => ../fork
                )
                """;
        assertThat(parseAll(parser, utf8(mod))).containsExactly(
                new Dependency("Go", "github.com/google/uuid", "v1.6.0"),
                new Dependency("Go", "golang.org/x/sys", "v0.18.0"),
                new Dependency("Go", "github.com/quoted/mod", "v0.1.0"),
                new Dependency("Go", "github.com/new/name", "v1.0.1"),
                new Dependency("Go", "github.com/pinned/one", "v1.2.0"),
                new Dependency("Go", "github.com/single/line", "v2.0.0+incompatible"));
    }

    @Test
    void aReplacementAtTheRequiredVersionApplies() throws Exception {
        String mod = """
                module example.com/app
                require github.com/a/b v1.0.0
                replace github.com/a/b v1.0.0 => github.com/c/d v1.0.5
                """;
        assertThat(parseAll(parser, utf8(mod))).containsExactly(new Dependency("Go", "github.com/c/d", "v1.0.5"));
    }

    @Test
    void handlesGoModOutsideVendor() {
        assertThat(parser.handles("svc/go.mod")).isTrue();
        assertThat(parser.handles("vendor/github.com/x/y/go.mod")).isFalse();
        assertThat(parser.handles("go.sum")).isFalse();
    }

    @Test
    void rejectsWhatIsNoGoMod() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, lockfile("cargo/Cargo.lock"));
    }

    @Test
    void aMalformedDirectiveIsSkippedAndWhatAnUnclosedBlockHoldsIsRead() throws Exception {
        byte[] unclosed = utf8("module example.com/app\n\nrequire (\n\tgithub.com/a/b v1.0.0\n");
        assertThat(skippedIn(parser, unclosed)).containsExactly("line 3: go.mod: unclosed require block");
        assertThat(parser.parse(unclosed, new SkippedEntries())).extracting(Dependency::identity)
                .containsExactly(new Dependency("Go", "github.com/a/b", "v1.0.0"));
        assertThat(skippedIn(parser, utf8("module example.com/app\nrequire github.com/a/b\n"
                + "replace github.com/a/b github.com/c/d\nreplace a => b c d\n"))).containsExactly(
                "line 2: go.mod: malformed require", "line 3: go.mod: replace without =>",
                "line 4: go.mod: malformed replace");
    }

    @Test
    void theRealRequirementKeepsItsLineAndIsDirect() throws Exception {
        assertThat(parsePlaced(parser, lockfile("go/go.mod")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("github.com/sirupsen/logrus", 5, null, "direct"));
    }

    @Test
    void anIndirectCommentAsGoReadsItMakesARequirementTransitive() throws Exception {
        String mod = """
                module example.com/app

                require (
                	github.com/a/direct v1.0.0
                	github.com/b/indirect v1.0.0 // indirect
                	github.com/c/reason v1.0.0 //indirect; pulled in by d
                	github.com/d/notquite v1.0.0 // indirect but not alone
                	github.com/e/semicolon v1.0.0 // indirect;
                	github.com/old/name v1.0.0 // indirect
                )
                require github.com/f/single v1.0.0 // indirect

                replace github.com/old/name => github.com/new/name v1.0.1
                """;
        assertThat(parsePlaced(parser, utf8(mod)))
                .extracting(Dependency::name, Dependency::line, Dependency::relationship)
                .containsExactly(tuple("github.com/a/direct", 4, "direct"),
                        tuple("github.com/b/indirect", 5, "transitive"),
                        tuple("github.com/c/reason", 6, "transitive"), tuple("github.com/d/notquite", 7, "direct"),
                        tuple("github.com/e/semicolon", 8, "direct"), tuple("github.com/new/name", 9, "transitive"),
                        tuple("github.com/f/single", 11, "transitive"));
    }
}
