package io.iocstream.github;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Links a person opens in a browser: a file at a commit on GitHub's web site ({@code https://github.com}, or a GitHub
 * Enterprise Server's own host). Nothing here is ever fetched; the job contacts only its API base URL.
 *
 * @param webBaseUrl the web site's root, without a trailing slash
 */
public record WebLinks(String webBaseUrl) implements Serializable {

    /** github.com's web site. */
    public static final String GITHUB_COM = "https://github.com";

    public WebLinks {
        URI uri;
        try {
            uri = new URI(webBaseUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + webBaseUrl, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("not an http(s) URL of a web site: " + webBaseUrl);
        }
        webBaseUrl = webBaseUrl.endsWith("/") ? webBaseUrl.substring(0, webBaseUrl.length() - 1) : webBaseUrl;
    }

    /**
     * The web site of an API: {@code https://api.github.com} is github.com's, a GitHub Enterprise Server's
     * {@code https://HOST/api/v3} is {@code https://HOST}; any other API (the simulator) stands in for github.com.
     */
    public static WebLinks forApi(String apiBaseUrl) {
        String api = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        if (api.endsWith("/api/v3")) {
            return new WebLinks(api.substring(0, api.length() - "/api/v3".length()));
        }
        return new WebLinks(GITHUB_COM);
    }

    /**
     * The file at a commit, {@code BASE/OWNER/NAME/blob/COMMIT/PATH}, its path percent-encoded per segment, with
     * {@code #L{line}} when the line is known (line &gt; 0); null without a commit.
     */
    public String blob(String repo, String commit, String path, int line) {
        if (commit == null || repo == null || path == null || path.isEmpty()) {
            return null;
        }
        String url = webBaseUrl + "/" + encode(repo) + "/blob/" + commit + "/" + encode(path);
        return line > 0 ? url + "#L" + line : url;
    }

    /** Percent-encodes all but RFC 3986's unreserved characters and the slash. */
    private static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
