package io.iocstream.github;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Refuses every request whose scheme, host or port differ from the base URL's, so a token or a request can never
 * be sent anywhere else, whatever a URL built from untrusted input turns out to be.
 */
final class SameOriginGuard implements Interceptor {

    private final HttpUrl origin;

    SameOriginGuard(HttpUrl base) {
        this.origin = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        if (!url.scheme().equals(origin.scheme()) || !url.host().equals(origin.host())
                || url.port() != origin.port()) {
            throw new ForeignHostException("refusing request to " + url.scheme() + "://" + url.host() + ":"
                    + url.port() + ", only " + origin.scheme() + "://" + origin.host() + ":" + origin.port()
                    + " may be contacted");
        }
        return chain.proceed(chain.request());
    }
}
