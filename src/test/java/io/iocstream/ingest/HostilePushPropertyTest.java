package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.HostileInput;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: any byte sequence up to 1 MB, decoded as the event source decodes a line ({@link Utf8LineFormat}) and
 * given to {@link PushEventParser}, ends in exactly one of an accepted push, a rejection with a reason, or an ignored
 * event, within {@link HostileInput#PER_TRY}; it never throws. Inputs mutate the real payloads in
 * {@code src/test/resources/push}.
 */
class HostilePushPropertyTest {

    static List<String> payloads() {
        return List.of("go-scm-push.json", "go-scm-push_tag_delete.json", "octokit-payload.json",
                "octokit-with-new-branch.payload.json", "octokit-with-organization.payload.json");
    }

    @TestFactory
    Stream<DynamicTest> anyLineIsAcceptedRejectedOrIgnored() {
        return payloads().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            byte[] valid = HostileInput.resource("/push/" + name);
            HostileInput.forAll("push " + name, random -> {
                byte[] bytes = HostileInput.bytes(random, valid);
                ParsedEvent parsed = PushEventParser.parse(Utf8LineFormat.decode(bytes, bytes.length));
                int outcomes = (parsed.event() != null ? 1 : 0) + (parsed.reason() != null ? 1 : 0)
                        + (parsed.ignored() != null ? 1 : 0);
                assertThat(outcomes).as("exactly one outcome: %s", parsed).isEqualTo(1);
                if (parsed.reason() != null) {
                    assertThat(parsed.reason()).isNotBlank();
                }
            });
        }));
    }
}
