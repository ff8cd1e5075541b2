package io.iocstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an alert says, read from the finding's JSON record by field name: the richer fields a newer job writes show
 * up when present, and a record without them still reads well.
 */
class AlertContentTest {

    private static final String RICH = """
            {"schema_version":1,"finding_id":"f00d","status":"open","trigger":"push","repo":"acme/web",
             "ref":"refs/heads/main","commit":"abc123","path":".github/workflows/ci.yml","line":12,"kind":"action",
             "ecosystem":null,"package":null,"version":null,"indicator":"evil/action@v1","ioc_ids":["GHSA-xxxx"],
             "severity":"high","detected_at":"2026-12-06T06:00:00Z","pusher":{"name":"Mallory","email":"m@x.test"},
             "pushed_at":"2026-12-06T05:59:58Z","summary":"Compromised action exfiltrates secrets",
             "aliases":["CVE-2026-1"],"references":[{"type":"ADVISORY","url":"https://example.test/adv"}]}
            """;

    @Test
    void aRichRecordSaysWhatWhereWhoWhenWhichAdvisoryAndWhatToDo() {
        AlertContent content = AlertContent.of(new Alert("r", AlertKind.FINDING, false, "iocstream:f00d", 1,
                List.of(RICH)), "https://github.example.com/");

        assertThat(content.title()).isEqualTo("[HIGH] action evil/action@v1 in acme/web .github/workflows/ci.yml "
                + "(refs/heads/main)");
        assertThat(content.link()).isEqualTo("https://github.example.com/acme/web/blob/abc123/.github/workflows/"
                + "ci.yml#L12");
        assertThat(content.text()).contains(
                "Found: action evil/action@v1\n",
                "File: .github/workflows/ci.yml line 12\n",
                "Commit: abc123\n",
                "Pushed by: Mallory m@x.test\n",
                "Pushed at: 2026-12-06T05:59:58Z\n",
                "Advisory: GHSA-xxxx\n",
                "Aliases: CVE-2026-1\n",
                "Summary: Compromised action exfiltrates secrets\n",
                "References: https://example.test/adv\n",
                "What to do: disable the workflow");
        assertThat(content.details()).containsEntry("pusher", "Mallory m@x.test").containsEntry("line", "12");
    }

    @Test
    void theRecordsOwnHtmlUrlWinsAndAResolveSaysWhy() {
        String json = RICH.replace("\"line\":12,", "\"html_url\":\"https://github.com/acme/web/blob/abc/x#L3\","
                + "\"resolution\":\"removed in a push\",").replace("\"status\":\"open\"", "\"status\":\"resolved\"");
        AlertContent content = AlertContent.of(new Alert("r", AlertKind.FINDING, true, "iocstream:f00d", 1,
                List.of(json)), "https://github.com");

        assertThat(content.link()).isEqualTo("https://github.com/acme/web/blob/abc/x#L3");
        assertThat(content.title()).startsWith("Resolved: action evil/action@v1");
        assertThat(content.text()).contains("Resolved: removed in a push").doesNotContain("What to do");
    }

    @Test
    void aRepositoryFindingLinksToTheRepositoryAndSaysWhatToDoAboutIt() {
        String json = RICH.replace("\"kind\":\"action\"", "\"kind\":\"repository\"")
                .replace("\"commit\":\"abc123\"", "\"commit\":null").replace(".github/workflows/ci.yml", ".")
                .replace("evil/action@v1", "shai-hulud").replace("\"line\":12,", "");
        AlertContent content = AlertContent.of(new Alert("r", AlertKind.FINDING, false, "iocstream:f00d", 1,
                List.of(json)), "https://github.com");

        assertThat(content.link()).isEqualTo("https://github.com/acme/web");
        assertThat(content.text()).contains("What to do: make the repository private");
    }

    @Test
    void pathSegmentsAreEscapedInTheLink() {
        String json = RICH.replace(".github/workflows/ci.yml", "dir with space/a#b.txt").replace("\"line\":12,", "");
        assertThat(AlertContent.link(AlertContent.parse(json), "https://github.com"))
                .isEqualTo("https://github.com/acme/web/blob/abc123/dir%20with%20space/a%23b.txt");
    }
}
