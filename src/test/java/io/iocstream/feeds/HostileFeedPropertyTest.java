package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.HostileInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: any byte sequence up to 1 MB, read as an OSV entry ({@link OsvFeedReader}), a package or indicator CSV
 * ({@link PackageCsvReader}, {@link IndicatorCsvReader}) or a package list ({@link PackageListReader}), ends in
 * entries and dead letters with a reason within {@link HostileInput#PER_TRY}. {@link FeedDirectory} turns an
 * exception that escapes a reader into an "unreadable feed file" dead letter as a last resort; that reason is the
 * sign of a reader bug, so the property asserts it never appears.
 */
class HostileFeedPropertyTest {

    /** The last-resort reason of {@link FeedDirectory}: a reader threw instead of rejecting with a reason. */
    private static final String ESCAPED = "unreadable feed file: ";

    record Feed(String name, byte[] valid) {}

    static List<Feed> feeds() {
        return List.of(
                new Feed("osv/MAL-2025-46969.json",
                        HostileInput.resource("/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json")),
                new Feed("osv/MAL-2026-2144.json",
                        HostileInput.resource("/ioc/osv/malicious/pypi/litellm/MAL-2026-2144.json")),
                new Feed("lists/shai-hulud.txt",
                        HostileInput.resource("/ioc/shai-hulud-compromised-packages-excerpt.txt")),
                new Feed("csv/packages.csv", utf8("""
                        ecosystem,package,version,severity
                        npm,left-pad,1.3.0,high
                        PyPI,requests,"2.31.0",
                        """)),
                new Feed("csv/indicators.csv", utf8("""
                        type,value,id,severity,description
                        sha256,%s,CONSTRUCTED-H,,"a test payload, hashed"
                        domain,constructed.example,CONSTRUCTED-1,,
                        file_name,setup_example.js,,,
                        """.formatted("ab".repeat(32)))));
    }

    @TestFactory
    Stream<DynamicTest> anyBytesGiveEntriesOrDeadLettersWithAReason() {
        return feeds().stream().map(feed -> DynamicTest.dynamicTest(feed.name(), () ->
                HostileInput.forAll("feed " + feed.name(), random -> {
                    byte[] content = HostileInput.bytes(random, feed.valid());
                    FeedDirectory.Result read = FeedDirectory.read(feed.name(), content, "hostile/" + feed.name());
                    assertThat(read.packages()).doesNotContainNull();
                    assertThat(read.indicators()).doesNotContainNull();
                    assertThat(read.deadLetters()).extracting(DeadLetter::reason)
                            .allSatisfy(reason -> assertThat(reason).isNotBlank().doesNotStartWith(ESCAPED));
                })));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
