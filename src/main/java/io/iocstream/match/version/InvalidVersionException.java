package io.iocstream.match.version;

/** A string that is not a version in the scheme asked to parse it. */
public final class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String scheme, String text) {
        super("not a " + scheme + " version: '" + text + "'");
    }
}
