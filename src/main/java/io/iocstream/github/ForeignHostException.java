package io.iocstream.github;

import java.io.IOException;

/** A request was about to leave the configured base URL's origin, and was stopped before it was sent. */
public final class ForeignHostException extends IOException {

    public ForeignHostException(String message) {
        super(message);
    }
}
