package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class RequirementsParserTest {

    private final RequirementsParser parser = new RequirementsParser();

    @Test
    void pipsEverySyntaxExampleHasOnePinOnly() throws Exception {
        // Plain names, ranges, ~=, != and "== 2.8.*" (a wildcard) name no version; -r, -c, paths and URLs are skipped
        assertThat(parseAll(parser, lockfile("requirements/requirements.txt")))
                .containsExactly(new Dependency("PyPI", "docopt", "0.6.1"));
    }

    @Test
    void aPinIsReportedOnItsLine() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, lockfile("requirements/requirements.txt")))
                .containsExactly(new Dependency("PyPI", "docopt", "0.6.1").atLine(8));
        assertThat(Fixtures.parsePlaced(parser, utf8("# pins\nflask==3.0.0 \\\n  --hash=sha256:00\nrequests==2.31.0\n")))
                .extracting(Dependency::name, Dependency::line).containsExactly(
                        tuple("flask", 2), tuple("requests", 4));
    }

    @Test
    void readsPinsWithExtrasMarkersOptionsAndContinuations() throws Exception {
        String file = """
                Django==4.2.11  # LTS
                requests[security,socks] == 2.31.0 ; python_version >= "3.8"
                legacy-thing===1.0-custom
                urllib3==2.2.1 \\
                    --hash=sha256:450b20ec296a467077128bff42b73080516e71b56ff59a60a02bef2232c4fa9d \\
                    --hash=sha256:d0570876c61ab9e520d776c38acbbb5b05a776d3f9ff98a5c8fd5162a444cf19
                zope.interface==6.2 --config-settings=a=b
                old-style (==1.0.2)
                wild==2.*
                ranged>=1.0,<2
                -e git+https://github.com/example/pkg.git#egg=pkg
                --index-url https://pypi.example.org/simple
                direct @ https://example.org/direct-1.0.tar.gz
                ./local/path
                # commented==9.9.9
                """;

        assertThat(parseAll(parser, utf8(file))).containsExactly(
                new Dependency("PyPI", "Django", "4.2.11"),
                new Dependency("PyPI", "requests", "2.31.0"),
                new Dependency("PyPI", "legacy-thing", "1.0-custom"),
                new Dependency("PyPI", "urllib3", "2.2.1"),
                new Dependency("PyPI", "zope.interface", "6.2"),
                new Dependency("PyPI", "old-style", "1.0.2"));
    }

    @Test
    void reportsARepeatedPinOnce() throws Exception {
        assertThat(parseAll(parser, utf8("six==1.16.0\nsix == 1.16.0\r\n"))).hasSize(1);
    }

    @Test
    void handlesRequirementsFilesByNameAndFolder() {
        assertThat(parser.handles("requirements.txt")).isTrue();
        assertThat(parser.handles("svc/requirements-dev.txt")).isTrue();
        assertThat(parser.handles("requirements/base.txt")).isTrue();
        assertThat(parser.handles("notes.txt")).isFalse();
        assertThat(parser.handles("requirements.in")).isFalse();
        assertThat(parser.handles("node_modules/x/requirements.txt")).isFalse();
        assertThat(parser.handles("vendor/bundle/ruby/requirements.txt")).isFalse();
    }

    @Test
    void anEmptyFileRequiresNothing() throws Exception {
        assertThat(parseAll(parser, new byte[0])).isEmpty();
    }

    @Test
    void anotherFormatHasNoPins() throws Exception {
        assertThat(parseAll(parser, lockfile("pipfile/Pipfile.lock"))).isEmpty();
    }

    @Test
    void aTruncatedLastLineIsNotAPin() throws Exception {
        assertThat(parseAll(parser, utf8("six==1.16.0\ndocopt ==")))
                .containsExactly(new Dependency("PyPI", "six", "1.16.0"));
    }

    @Test
    void aLineThatIsNotUtf8TextIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))
                .containsExactly("line 1: requirements: line is not UTF-8 text");
        assertThat(skippedIn(parser, utf8("six==1.16.0\0\ndocopt==0.6.1\n")))
                .containsExactly("line 1: requirements: line holds a NUL byte");
        byte[] latin1 = "# caf\u00e9\nsix==1.16.0\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(latin1, new SkippedEntries())).extracting(Dependency::identity).containsExactly(new Dependency("PyPI", "six", "1.16.0"));
    }

    @Test
    void aPinNoEcosystemAllowsIsSkipped() throws Exception {
        String huge = "1." + "1.".repeat(10_000) + "a1";
        assertThat(skippedIn(parser, utf8("litellm==" + huge + "\nsix===1.16\u0007\nsix==1.16.0\n")))
                .containsExactly("line 1: requirements: version longer than 256 characters",
                        "line 2: requirements: version has control character U+0007");
    }
}
