package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network indicators that mean what they say, replayed through the whole pipeline: an IPv6 C2 address given as
 * {@code ip} in one spelling is found in code written in others (and not a neighbouring address), and the URLs an
 * OSV entry lists under {@code database_specific.iocs.urls} are matched as URLs, reported as such, and never by
 * their host alone. The OSV entry is the real MAL-2026-2144 with two URLs added to its {@code urls} (the stored
 * entry's only URL has no path); the addresses are in the documentation range 2001:db8::/32; the code is
 * constructed for this test.
 */
class NetworkIndicatorsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "acme/app";
    private static final String C1 = "1111111111111111111111111111111111111111";

    private static final String CODE = """
            const primary = "2001:DB8:0:0:0:0:0:c2";
            const fallback = "http://[2001:0db8::00c2]:8443/poll";
            const poll = "https://api.github.com/search/commits?q=firedalazer&sort=committer-date";
            const upload = "https://[2001:db8:0:0:1::7]/exfil/upload?k=1";
            """;
    /** Names api.github.com, a neighbouring address and the exfiltration host's other paths: no finding. */
    private static final String CLIENT = """
            fetch('https://api.github.com/repos/acme/app/commits');
            connect('2001:db8::c3');
            fetch('https://[2001:db8::1:0:0:7]/status');
            """;

    @TempDir
    static Path dir;
    static List<Finding> findings;
    static RunSummary summary;

    @BeforeAll
    static void replay() throws Exception {
        Path world = dir.resolve("world");
        Path tree = world.resolve("repos/" + REPO + "/" + C1);
        write(tree.resolve("src/c2.js"), CODE);
        write(tree.resolve("src/client.js"), CLIENT);
        ObjectNode litellm = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/ioc/osv/malicious/pypi/litellm/MAL-2026-2144.json").toFile());
        ((ArrayNode) litellm.at("/database_specific/iocs/urls"))
                .add("https://api.github.com/search/commits?q=firedalazer")
                .add("https://[2001:DB8::1:0:0:7]:443/exfil/upload");
        write(world.resolve("iocs/osv/MAL-2026-2144.json"), JSON.writeValueAsString(litellm));
        write(world.resolve("iocs/network.csv"), "type,value,id\nip,2001:db8::c2,TEST-V6\n");
        write(world.resolve("events.ndjson"), push("refs/heads/main", "0".repeat(40), C1) + "\n");
        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(World.open(world), out, dir.resolve("summary.json"), 2,
                FetchStrategy.ADAPTIVE, 0, 0, true), ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings = ReplayOutput.findings(out);
    }

    @Test
    void eachAddressAndUrlIsFoundOnceInItsOneSpellingAndNothingElse() {
        assertThat(summary.deadLetters()).isZero();
        assertThat(findings).extracting(Finding::path, Finding::kind, Finding::indicator, Finding::iocIds)
                .containsExactlyInAnyOrder(
                        tuple("src/c2.js", "domain", "2001:db8::c2", List.of("TEST-V6")),
                        tuple("src/c2.js", "domain", "api.github.com/search/commits?q=firedalazer",
                                List.of("MAL-2026-2144")),
                        tuple("src/c2.js", "domain", "2001:db8::1:0:0:7/exfil/upload", List.of("MAL-2026-2144")));
        assertThat(findings).allSatisfy(f -> assertThat(f.status()).isEqualTo("open"));
    }

    @Test
    void anAddressFindingIsOnTheLineItIsFirstWrittenOn() {
        assertThat(findings).filteredOn(f -> "2001:db8::c2".equals(f.indicator()))
                .extracting(Finding::line).containsExactly(1);
    }

    private static String push(String ref, String before, String after) throws IOException {
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", ref).put("before", before).put("after", after)
                .put("created", true).put("deleted", false).put("forced", false);
        push.putObject("repository").put("name", "app").put("full_name", REPO)
                .putObject("owner").put("login", "acme");
        push.putArray("commits");
        return JSON.writeValueAsString(push);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
