package io.iocstream.feeds;

import static io.iocstream.feeds.PackageListReaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indicators CSVs, constructed for these tests (example hosts, hashes of test strings). */
class IndicatorCsvReaderTest {

    @Test
    void everyKindWithTheFeedsSeverityOrTheKindsDefault(@TempDir Path root) throws Exception {
        String hash = sha256("constructed payload");
        Path file = write(root, "indicators/constructed.csv", """
                type,value,id,severity,description
                sha256,%s,CONSTRUCTED-H,,"a test payload, hashed"
                file_name,setup_example.js,,,
                domain,https://Evil.Example.COM:8443/upload?x=1,CONSTRUCTED-D,low,
                domain,Exfil.Example.NET,,,
                workflow,Constructed Workflow,CONSTRUCTED-W,,
                domain,https://Host.Example.ORG/,,,
                action,Tj-Actions/Changed-Files@V45,,,
                ref,shai-hulud,,,
                ip,142.11.206.73,,medium,
                """.formatted(hash.toUpperCase()));
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).isEmpty();
        assertThat(read.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value, Indicator::severity,
                Indicator::description, Indicator::feed).containsExactly(
                tuple("CONSTRUCTED-H", Indicator.Kind.FILE_HASH, hash, "critical", "a test payload, hashed",
                        "indicators/constructed.csv"),
                tuple("indicators/constructed.csv:3", Indicator.Kind.FILE_NAME, "setup_example.js", "medium", "",
                        "indicators/constructed.csv"),
                // a URL with a path is matched as a URL: host lower-cased, port dropped, path and query kept
                tuple("CONSTRUCTED-D", Indicator.Kind.URL, "evil.example.com/upload?x=1", "low", "",
                        "indicators/constructed.csv"),
                tuple("indicators/constructed.csv:5", Indicator.Kind.DOMAIN, "exfil.example.net", "high", "",
                        "indicators/constructed.csv"),
                tuple("CONSTRUCTED-W", Indicator.Kind.WORKFLOW, "Constructed Workflow", "high", "",
                        "indicators/constructed.csv"),
                tuple("indicators/constructed.csv:7", Indicator.Kind.DOMAIN, "host.example.org", "high", "",
                        "indicators/constructed.csv"),
                // owner and repository are case-insensitive, a tag is not
                tuple("indicators/constructed.csv:8", Indicator.Kind.ACTION, "tj-actions/changed-files@V45", "high",
                        "", "indicators/constructed.csv"),
                tuple("indicators/constructed.csv:9", Indicator.Kind.REF, "shai-hulud", "high", "",
                        "indicators/constructed.csv"),
                tuple("indicators/constructed.csv:10", Indicator.Kind.DOMAIN, "142.11.206.73", "medium", "",
                        "indicators/constructed.csv"));
        assertThat(read.indicators()).noneMatch(Indicator::withdrawn);
    }

    @Test
    void repositoryIndicatorsAreNamesOwnerAndNameOrDescriptionsLowerCasedAndOthersAreRefused(@TempDir Path root)
            throws Exception {
        Path file = write(root, "repos.csv", """
                type,value,id
                repository,Shai-Hulud,R-1
                repository,acme/Shai-Hulud,R-2
                repository,description:Sha1-Hulud: The Second Coming.,R-3
                workflow,on:discussion+runs-on:self-hosted,W-1
                repository,not a name,R-4
                repository,description:  ,R-5
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);

        assertThat(read.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value, Indicator::severity)
                .containsExactly(tuple("R-1", Indicator.Kind.REPOSITORY, "shai-hulud", "high"),
                        tuple("R-2", Indicator.Kind.REPOSITORY, "acme/shai-hulud", "high"),
                        tuple("R-3", Indicator.Kind.REPOSITORY, "description:sha1-hulud: the second coming.", "high"),
                        // a workflow's condition is its value as written: the matcher reads it
                        tuple("W-1", Indicator.Kind.WORKFLOW, "on:discussion+runs-on:self-hosted", "high"));
        assertThat(read.deadLetters()).extracting(d -> d.reason()).containsExactly(
                "a repository is a name, owner/name or description:TEXT, not 'not a name'",
                "a repository is a name, owner/name or description:TEXT, not 'description:'");
    }

    @Test
    void anIpv6AddressInAnySpellingIsKeptInItsOneSpellingAsIpOrDomain(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", """
                type,value,id
                ip,2001:DB8:0:0:0:0:0:1,V6-UPPER
                ip,[2001:0db8::0001],V6-BRACKETS
                domain,2001:db8:0000::1,V6-DOMAIN
                domain,http://[2001:DB8::1]:8080/,V6-URL-HOST
                domain,https://[2001:db8::1]:8443/beacon?id=7,V6-URL
                ip,::ffff:142.11.206.73,V4-MAPPED
                ip,fe80::1%eth0,ZONE
                ip,2001:db8::1::2,TWO-GAPS
                domain,http://[2001:db8::zz]/,NOT-HEX
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value).containsExactly(
                tuple("V6-UPPER", Indicator.Kind.DOMAIN, "2001:db8::1"),
                tuple("V6-BRACKETS", Indicator.Kind.DOMAIN, "2001:db8::1"),
                tuple("V6-DOMAIN", Indicator.Kind.DOMAIN, "2001:db8::1"),
                tuple("V6-URL-HOST", Indicator.Kind.DOMAIN, "2001:db8::1"),
                tuple("V6-URL", Indicator.Kind.URL, "2001:db8::1/beacon?id=7"),
                // an IPv4-mapped address is the IPv4 host it stands for
                tuple("V4-MAPPED", Indicator.Kind.DOMAIN, "142.11.206.73"));
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("an ip is an IPv4 or IPv6 address"),
                r -> assertThat(r).startsWith("an ip is an IPv4 or IPv6 address"),
                r -> assertThat(r).startsWith("not a host name or URL"));
    }

    @Test
    void theMinimalHeaderIsEnoughAndColumnsMayComeInAnyOrder(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", "ID,Value,Type\nCONSTRUCTED-1,example.org,DOMAIN\n");
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value)
                .containsExactly(tuple("CONSTRUCTED-1", Indicator.Kind.DOMAIN, "example.org"));
    }

    @Test
    void badRowsAreDeadLettersAndTheGoodRowsStillLoad(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", """
                type,value,id,severity,description
                file_name,good-one.js,,,
                md5,d41d8cd98f00b204e9800998ecf8427e,,,
                sha256,%s,,,
                sha256,%s,,,
                domain,,,,
                domain,not a host,,,
                domain,https://,,,
                workflow,Constructed,,urgent,
                file_name
                action,not-an-action,,,
                ip,1.2.3,,,
                file_name,good-two.js,,,
                """.formatted(sha256("x").substring(1), sha256("x") + "0"));
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.indicators()).extracting(Indicator::value).containsExactly("good-one.js", "good-two.js");
        assertThat(read.deadLetters()).extracting(DeadLetter::origin).containsExactly(
                file + ":3", file + ":4", file + ":5", file + ":6", file + ":7", file + ":8", file + ":9",
                file + ":10", file + ":11", file + ":12");
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("unknown indicator type 'md5'"),
                r -> assertThat(r).startsWith("a sha256 is 64 hex digits"),
                r -> assertThat(r).startsWith("a sha256 is 64 hex digits"),
                r -> assertThat(r).isEqualTo("empty value"),
                r -> assertThat(r).startsWith("not a host name or URL"),
                r -> assertThat(r).startsWith("not a host name or URL"),
                r -> assertThat(r).startsWith("unknown severity 'urgent'"),
                r -> assertThat(r).startsWith("too few cells"),
                r -> assertThat(r).startsWith("not an action reference"),
                r -> assertThat(r).startsWith("an ip is an IPv4 or IPv6 address"));
        assertThat(read.deadLetters().get(0).raw()).isEqualTo("md5,d41d8cd98f00b204e9800998ecf8427e,,,");
    }

    @Test
    void aDomainOfTenThousandLabelsIsADeadLetterNotAStackOverflow(@TempDir Path root) throws Exception {
        String labels = "a.".repeat(10_000) + "example.com";
        Path file = write(root, "constructed.csv", """
                type,value,id
                domain,%s,CONSTRUCTED-1
                domain,https://%s/upload,CONSTRUCTED-2
                domain,%s.example.com,CONSTRUCTED-3
                domain,good.example.com,CONSTRUCTED-4
                """.formatted(labels, labels, "b".repeat(64)));

        FeedDirectory.Result read = FeedDirectory.readFile(root, file);

        assertThat(read.indicators()).extracting(Indicator::value).containsExactly("good.example.com");
        assertThat(read.deadLetters()).extracting(DeadLetter::origin, DeadLetter::reason).containsExactly(
                tuple(file + ":2", "a host name is at most 253 characters, not 20011"),
                tuple(file + ":3", "a host name is at most 253 characters, not 20011"),
                tuple(file + ":4", "a host name's labels are at most 63 characters: '%s'".formatted("b".repeat(64))));
    }

    @Test
    void eachKindHasADocumentedDefaultSeverity() {
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.FILE_HASH)).isEqualTo("critical");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.WORKFLOW)).isEqualTo("high");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.DOMAIN)).isEqualTo("high");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.FILE_NAME)).isEqualTo("medium");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.ACTION)).isEqualTo("high");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.REF)).isEqualTo("high");
        assertThat(IndicatorCsvReader.defaultSeverity(Indicator.Kind.URL)).isEqualTo("high");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
