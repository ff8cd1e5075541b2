package io.iocstream.github;

import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Refuses every request that does not lie under the base URL: another scheme, host or port, or a path outside the
 * base path (compared segment by segment, so {@code /api-evil} is not under {@code /api}). The one exception is the
 * GraphQL URL, allowed exactly as given, since GitHub Enterprise serves it beside the REST base, not under it.
 * A token or a request can never be sent anywhere else, whatever a URL built from untrusted input (a {@code Link}
 * header) turns out to be.
 */
final class SameOriginGuard implements Interceptor {

    private final HttpUrl base;
    private final HttpUrl graphQl;
    private final List<String> basePath;

    SameOriginGuard(HttpUrl base, HttpUrl graphQl) {
        this.base = base;
        this.graphQl = graphQl;
        List<String> segments = base.pathSegments();
        // HttpUrl gives a trailing empty segment for a path ending in '/', and [""] for the root
        this.basePath = !segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()
                ? segments.subList(0, segments.size() - 1) : segments;
    }

    /** Whether {@code url} lies under the base URL or is the GraphQL URL. */
    boolean allows(HttpUrl url) {
        return url.equals(graphQl) || underBase(url);
    }

    /** Whether {@code url} lies under the base URL: where every REST answer's links must point. */
    boolean underBase(HttpUrl url) {
        if (!url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()) {
            return false;
        }
        List<String> path = url.pathSegments();
        return path.size() >= basePath.size() && path.subList(0, basePath.size()).equals(basePath);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        if (!allows(url)) {
            throw new ForeignHostException("refusing request to " + url.scheme() + "://" + url.host() + ":"
                    + url.port() + url.encodedPath() + ", only what lies under " + base + " and " + graphQl
                    + " may be contacted");
        }
        return chain.proceed(chain.request());
    }
}
