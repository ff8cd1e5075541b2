package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedDirectory;
import io.iocstream.parse.ActionUses;
import io.iocstream.parse.DependencyFileException;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.ParseFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detections of issue 19 below the pipeline: {@code uses:} references read from workflows and composite
 * actions, matched against the real GHSA-mrrh-fwg8-r2c3 entry by tag and against {@code action} indicators by SHA;
 * {@code ref} indicators against a ref; the peer shai-hulud-detect's IP values in code; documentation counted as
 * the policy says.
 */
class DetectionMatchTest {

    private static final String SHA = "0e58ed8000000000000000000000000000000000";

    @Test
    void tagsInsideTheAdvisorysRangeMatchAndTagsPastItDoNot() throws Exception {
        IocIndex index = index();
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@v45")).containsExactly("package");
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@v45.0.7"))
                .containsExactly("package");
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@v1")).containsExactly("package");
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@v46")).isEmpty();
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@v46.0.1")).isEmpty();
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/changed-files@main")).isEmpty();
        assertThat(kinds(index, ".github/workflows/a.yml", "tj-actions/other@v1")).isEmpty();
        // a package list names an action version with the actions: prefix
        assertThat(kinds(index, ".github/workflows/a.yml", "Acme/Deploy-Action@v2.0.1")).containsExactly("package");
        assertThat(kinds(index, ".github/workflows/a.yml", "acme/deploy-action@v2.0.2")).isEmpty();
    }

    @Test
    void aCompromisedCommitMatchesByShaInAnyCaseAndInASubfolderAction() throws Exception {
        IocIndex index = index();
        assertThat(kinds(index, "ci/action.yml", "tj-actions/changed-files@" + SHA)).containsExactly("action");
        assertThat(kinds(index, "ci/action.yaml", "TJ-Actions/Changed-Files@" + SHA.toUpperCase()))
                .containsExactly("action");
        assertThat(kinds(index, ".github/workflows/a.yaml", "tj-actions/changed-files/sub@" + SHA))
                .containsExactly("action");
        assertThat(kinds(index, ".github/workflows/a.yaml", "tj-actions/changed-files@" + "1".repeat(40))).isEmpty();
        // a file that is neither a workflow nor an action's metadata is not read for uses
        assertThat(kinds(index, "ci/other.yml", "tj-actions/changed-files@" + SHA)).isEmpty();
    }

    @Test
    void localActionsAndDockerImagesAreNoDependencies() throws DependencyFileException {
        String workflow = "jobs:\n  a:\n    uses: acme/flows/.github/workflows/b.yml@v2\n  c:\n    steps:\n"
                + "      - uses: ./here\n      - uses: docker://alpine:3\n      - uses: actions/checkout@v4\n";
        assertThat(ActionUses.uses(workflow.getBytes(StandardCharsets.UTF_8), new io.iocstream.parse.SkippedEntries()))
                .extracting(d -> d.name() + "@" + d.version())
                .containsExactly("acme/flows/.github/workflows/b.yml@v2", "actions/checkout@v4");
    }

    @Test
    void aRefIndicatorMatchesTheBranchOrTagOfItsNameOnly() throws Exception {
        IocIndex index = index();
        assertThat(index.refHits("refs/heads/shai-hulud")).extracting(Hit::indicator).containsExactly("shai-hulud");
        assertThat(index.refHits("refs/tags/shai-hulud")).extracting(Hit::indicator).containsExactly("shai-hulud");
        assertThat(index.refHits("refs/heads/shai-hulud-2")).isEmpty();
        assertThat(index.refHits("refs/heads/main")).isEmpty();
    }

    @Test
    void thePeersIpValuesMatchInCodeWhetherGivenAsIpOrAsDomain() throws Exception {
        IocIndex index = index();
        FileFacts code = ParseFunction.facts("src/c2.js",
                "x('http://142.11.206.73:8000/a'); y('216.126.225.129:8443'); z('1.142.11.206.73')"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(index.hits("src/c2.js", code)).extracting(Hit::indicator)
                .containsExactlyInAnyOrder("142.11.206.73", "216.126.225.129");
        // a version that happens to look like part of an address is no address
        FileFacts near = ParseFunction.facts("src/v.js",
                "v142.11.206.73 142.11.206.730".getBytes(StandardCharsets.UTF_8));
        assertThat(index.hits("src/v.js", near)).isEmpty();
    }

    @Test
    void anIpv6IndicatorMatchesTheSameAddressInAnySpellingAndNoOther() throws Exception {
        IocIndex index = index();
        assertThat(indicators(index, "src/c2.js", "connect('2001:DB8:0:0:0:0:0:1', 443)"))
                .containsExactly("2001:db8::1");
        assertThat(indicators(index, "src/c2.py", "URL = 'http://[2001:0db8::0001]:8080/x'"))
                .containsExactly("2001:db8::1");
        assertThat(indicators(index, "src/c2.go", "addr := \"2001:db8:c2::0:0:42\""))
                .containsExactly("2001:db8:c2::42");
        // an IPv4-mapped IPv6 address is the IPv4 address it stands for
        assertThat(indicators(index, "src/c2.rs", "let a = \"::FFFF:142.11.206.73\";"))
                .containsExactly("142.11.206.73");
        assertThat(indicators(index, "src/near.js", "connect('2001:db8::2'); connect('2001:db8:1::1')")).isEmpty();
        // a URL indicator on an IPv6 host: its path, not the host alone
        assertThat(indicators(index, "src/up.js", "post('https://[2001:db8:c2::42]:8443/exfil/upload?k=1')"))
                .containsExactly("2001:db8:c2::42", "2001:db8:c2::42/exfil/upload");
    }

    @Test
    void aUrlValueMatchesItsHostAndPathNotItsHostAlone() throws Exception {
        IocIndex index = index();
        assertThat(indicators(index, "src/a.js", "get('https://api.github.com/search/commits?q=firedalazer')"))
                .containsExactly("api.github.com/search/commits?q=firedalazer");
        assertThat(indicators(index, "src/a.py", "u = 'api.github.com:443/search/commits?q=firedalazer&page=2'"))
                .containsExactly("api.github.com/search/commits?q=firedalazer");
        assertThat(indicators(index, "src/b.js", "get('https://api.github.com/repos/x/y')")).isEmpty();
        assertThat(indicators(index, "src/c.js", "get('https://api.github.com/search/commits?q=firedalazers')"))
                .isEmpty();
        assertThat(indicators(index, "src/d.js",
                "fetch(\"https://ddjidd564.github.io/defi-security-best-practices/config.json\")"))
                .containsExactly("ddjidd564.github.io/defi-security-best-practices/config.json");
        // in a lockfile only hosts are kept: its URLs are registry URLs
        assertThat(indicators(index, "package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {}, "
                + "\"x\": \"https://api.github.com/search/commits?q=firedalazer\"}")).isEmpty();
    }

    @Test
    void aC2HostInDocumentationCountsAsThePolicySays() throws Exception {
        IocIndex index = index();
        byte[] text = "see https://sfrclak.com/x".getBytes(StandardCharsets.UTF_8);
        for (String docs : List.of("README.md", "docs/setup.html", "CHANGELOG", "guide/notes.rst")) {
            FileFacts facts = ParseFunction.facts(docs, text);
            assertThat(index.hits(docs, facts, DocumentationPolicy.IGNORE)).as(docs).isEmpty();
            assertThat(index.hits(docs, facts, DocumentationPolicy.LOW)).as(docs)
                    .extracting(h -> h.severity().wire()).containsExactly("low");
            assertThat(index.hits(docs, facts, DocumentationPolicy.SAME)).as(docs)
                    .extracting(h -> h.severity().wire()).containsExactly("high");
        }
        for (String code : List.of("src/index.js", "scripts/install.sh", "config/app.yml", "requirements.txt")) {
            FileFacts facts = ParseFunction.facts(code, text);
            assertThat(index.hits(code, facts, DocumentationPolicy.IGNORE)).as(code)
                    .extracting(h -> h.severity().wire()).containsExactly("high");
        }
    }

    private static List<String> indicators(IocIndex index, String path, String text) throws Exception {
        FileFacts facts = ParseFunction.facts(path, text.getBytes(StandardCharsets.UTF_8));
        return index.hits(path, facts).stream().map(Hit::indicator).toList();
    }

    private static List<String> kinds(IocIndex index, String path, String uses) throws DependencyFileException {
        String yaml = path.endsWith("action.yml") || path.endsWith("action.yaml")
                ? "runs:\n  using: composite\n  steps:\n    - uses: " + uses + "\n"
                : "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: " + uses + "\n";
        FileFacts facts = ParseFunction.facts(path, yaml.getBytes(StandardCharsets.UTF_8));
        return index.hits(path, facts).stream().map(h -> h.kind().wire()).toList();
    }

    private static IocIndex index() throws Exception {
        Path dir = Files.createTempDirectory("detection");
        try {
            Files.copy(Path.of("src/test/resources/ioc/osv-github-actions/GHSA-mrrh-fwg8-r2c3.json"),
                    dir.resolve("GHSA-mrrh-fwg8-r2c3.json"));
            Files.copy(Path.of("src/test/resources/ioc/shai-hulud-detect-network-iocs.csv"), dir.resolve("net.csv"));
            Files.writeString(dir.resolve("actions.txt"), "actions:acme/deploy-action:v2.0.1\n");
            Files.writeString(dir.resolve("more.csv"), "type,value,id\naction,tj-actions/changed-files@" + SHA
                    + ",TEST-SHA\nref,shai-hulud,TEST-REF\n"
                    // IPv6 C2 addresses, constructed in the documentation range 2001:db8::/32, in three spellings
                    + "ip,2001:0DB8::0:1,TEST-V6\ndomain,[2001:db8:c2:0:0::42],TEST-V6-DOMAIN\n"
                    + "domain,https://[2001:db8:c2::42]/exfil/upload,TEST-V6-URL\n");
            FeedDirectory.Result feeds = FeedDirectory.read(dir);
            assertThat(feeds.deadLetters()).isEmpty();
            IocIndex index = new IocIndex();
            feeds.packages().forEach(index::add);
            feeds.indicators().forEach(index::add);
            return index;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
