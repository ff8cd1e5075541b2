package io.iocstream.feeds;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP feed source polls: CSV and TXT lists, each at its own URL, and OSV's export of some ecosystems under
 * one base URL. Nothing else is contacted: every request is one of these URLs or built under the export's base, and
 * redirects are not followed.
 *
 * @param lists        CSV and TXT lists (CONTRACT section 5 formats), read again only when their ETag changed
 * @param osv          OSV's export, or null
 * @param pollInterval pause between two polls of every list and ecosystem
 */
public record HttpFeedSettings(List<HttpList> lists, OsvExport osv, Duration pollInterval) implements Serializable {

    public HttpFeedSettings {
        lists = lists == null ? List.of() : List.copyOf(lists);
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
        }
    }

    /**
     * A list at a URL.
     *
     * @param name the feed file it stands for ({@code shai-hulud.txt}): its ending says its format, and its entries'
     *             {@code FEEDFILE:LINE} ids start with it
     */
    public record HttpList(String url, String name) implements Serializable {
        public HttpList {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * OSV's export (https://google.github.io/osv.dev/data/): {@code BASE/ECOSYSTEM/all.zip} once, then
     * {@code BASE/ECOSYSTEM/modified_id.csv} for the entries modified since, each read from
     * {@code BASE/ECOSYSTEM/ID.json}.
     */
    public record OsvExport(String baseUrl, List<String> ecosystems) implements Serializable {
        public static final String DEFAULT_BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com";

        public OsvExport {
            Objects.requireNonNull(baseUrl, "baseUrl");
            ecosystems = List.copyOf(ecosystems);
        }
    }

    /** The names the source's feeds go by, for the per-feed age metric: each list's name, {@code osv/ECOSYSTEM}. */
    public List<String> feedNames() {
        List<String> names = new ArrayList<>(lists.stream().map(HttpList::name).toList());
        if (osv != null) {
            osv.ecosystems().forEach(ecosystem -> names.add("osv/" + ecosystem));
        }
        return names;
    }
}
