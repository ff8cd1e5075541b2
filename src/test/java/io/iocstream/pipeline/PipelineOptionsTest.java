package io.iocstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.changes.BranchLifetimes;
import io.iocstream.github.WebLinks;
import io.iocstream.match.DocumentationPolicy;
import io.iocstream.match.Suppressions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

    @Test
    void theDefaultsAreTheApisWebSiteNinetyDayBranchesLowDocumentationAndNoSuppressions() {
        PipelineOptions defaults = PipelineOptions.defaults();
        assertThat(defaults.webLinks()).isNull();
        assertThat(defaults.lifetimes()).isEqualTo(BranchLifetimes.defaults());
        assertThat(defaults.documentation()).isEqualTo(DocumentationPolicy.LOW);
        assertThat(defaults.suppressions().isEmpty()).isTrue();
    }

    @Test
    void eachWithChangesItsOwnSettingAndKeepsTheOthers() {
        WebLinks links = new WebLinks("https://ghe.example.com");
        BranchLifetimes lifetimes = new BranchLifetimes(Duration.ofDays(7), Set.of("trunk"));
        Suppressions suppressions = Suppressions.none();
        PipelineOptions options = PipelineOptions.defaults().withWebLinks(links).withLifetimes(lifetimes)
                .withDocumentation(DocumentationPolicy.IGNORE).withSuppressions(suppressions);
        assertThat(options).isEqualTo(new PipelineOptions(links, lifetimes, DocumentationPolicy.IGNORE, suppressions));
        assertThat(options.withDocumentation(DocumentationPolicy.SAME))
                .isEqualTo(new PipelineOptions(links, lifetimes, DocumentationPolicy.SAME, suppressions));
    }

    @Test
    void aMissingSettingOtherThanTheWebLinksIsRefused() {
        assertThatThrownBy(() -> PipelineOptions.defaults().withSuppressions(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Suppressions.none()");
        assertThatThrownBy(() -> PipelineOptions.defaults().withDocumentation(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PipelineOptions.defaults().withLifetimes(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
