package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.Severity;
import io.iocstream.parse.Dependency;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The enums inside the job write the findings contract's words (CONTRACT section 2) and read back what they
 * write; severities rank gravest first, and an entry or indicator refuses a word that is no severity.
 */
class WireWordsTest {

    @Test
    void statusKindAndSeverityWriteTheContractsWords() {
        assertThat(Arrays.stream(FindingStatus.values()).map(FindingStatus::wire)).containsExactly("open", "resolved", "suppressed");
        assertThat(Arrays.stream(FindingKind.values()).map(FindingKind::wire))
                .containsExactly("package", "file_hash", "file_name", "domain", "workflow", "action", "ref",
                        "repository");
        assertThat(Arrays.stream(Severity.values()).map(Severity::wire))
                .containsExactly("critical", "high", "medium", "low");
    }

    @Test
    void kindsAndSeveritiesReadBackTheirWords() {
        for (FindingKind kind : FindingKind.values()) {
            assertThat(FindingKind.ofWire(kind.wire())).isEqualTo(kind);
        }
        for (Severity severity : Severity.values()) {
            assertThat(Severity.ofWire(severity.wire())).isEqualTo(severity);
        }
        assertThatThrownBy(() -> FindingKind.ofWire("FILE_HASH")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Severity.ofWire("Critical")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachIndicatorKindRaisesFindingsOfTheKindOfItsName() {
        for (Indicator.Kind kind : Indicator.Kind.values()) {
            // a URL is a network location as a domain is: the contract's kinds have no url
            assertThat(FindingKind.of(kind).name()).isEqualTo(kind == Indicator.Kind.URL ? "DOMAIN" : kind.name());
        }
    }

    @Test
    void aHitCarriesTheGravestSeverityOfItsEntries() {
        IocEntry low = IocEntry.ofVersions("L-1", "npm", "evil", Set.of("1.0.0"), "low", "a.csv");
        IocEntry medium = IocEntry.ofVersions("M-1", "npm", "evil", Set.of("1.0.0"), "medium", "b.csv");
        IocEntry high = IocEntry.ofVersions("H-1", "npm", "evil", Set.of("1.0.0"), "high", "c.csv");
        Dependency dep = new Dependency("npm", "evil", "1.0.0");

        assertThat(Hit.ofPackage(dep, List.of(low, medium)).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(Hit.ofPackage(dep, List.of(medium, high, low)).severity()).isEqualTo(Severity.HIGH);
        assertThat(Hit.ofPackage(dep, List.of(low)).severity()).isEqualTo(Severity.LOW);
    }

    /** The readers make an unknown word a dead letter; an entry made in code with one fails where it is made. */
    @Test
    void anEntryOrIndicatorRefusesAWordThatIsNoSeverity() {
        assertThatThrownBy(() -> IocEntry.ofVersions("X-1", "npm", "evil", Set.of("1.0.0"), "urgent", "x.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "unknown severity 'urgent' (critical, high, medium or low)");
        assertThatThrownBy(() -> new Indicator("x:2", Indicator.Kind.DOMAIN, "evil.example", null, "", false, "x.csv"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
