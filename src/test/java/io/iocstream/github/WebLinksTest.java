package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Links to a file at a commit on github.com or a GitHub Enterprise Server. */
class WebLinksTest {

    private static final String SHA = "a410548e04ec054d4ce326043a91998461fa710e";

    @Test
    void theWebSiteOfAnApi() {
        assertThat(WebLinks.forApi("https://api.github.com").webBaseUrl()).isEqualTo("https://github.com");
        assertThat(WebLinks.forApi("https://ghe.example.com/api/v3/").webBaseUrl())
                .isEqualTo("https://ghe.example.com");
        // the simulator, or anything else, stands in for github.com
        assertThat(WebLinks.forApi("http://127.0.0.1:8090").webBaseUrl()).isEqualTo("https://github.com");
    }

    @Test
    void aFileAtACommitWithItsLine() {
        WebLinks links = new WebLinks("https://github.com/");
        assertThat(links.blob("acme/api", SHA, "web/package-lock.json", 0))
                .isEqualTo("https://github.com/acme/api/blob/" + SHA + "/web/package-lock.json");
        assertThat(links.blob("acme/api", SHA, "requirements.txt", 8))
                .isEqualTo("https://github.com/acme/api/blob/" + SHA + "/requirements.txt#L8");
    }

    @Test
    void aPathIsPercentEncodedSoThatItStaysOnePath() {
        assertThat(new WebLinks("https://github.com").blob("acme/api", SHA, "docs/a b#?é.md", 0))
                .isEqualTo("https://github.com/acme/api/blob/" + SHA + "/docs/a%20b%23%3F%C3%A9.md");
    }

    @Test
    void noCommitNoLink() {
        assertThat(new WebLinks("https://github.com").blob("acme/api", null, "x", 0)).isNull();
    }

    @Test
    void onlyAnHttpSiteIsAWebSite() {
        assertThatThrownBy(() -> new WebLinks("github.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebLinks("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebLinks("https://github.com/?x=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
