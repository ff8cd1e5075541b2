package io.iocstream.feeds.version;

/** A string that is not a version in the scheme asked to parse it; its message is one short line. */
public final class InvalidVersionException extends IllegalArgumentException {

    /** How much of the string the message quotes: enough to recognise it, never a whole hostile one. */
    private static final int QUOTED = 64;

    public InvalidVersionException(String scheme, String text) {
        super("not a " + scheme + " version: " + quoted(text));
    }

    private static String quoted(String text) {
        String shown = text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
        // control characters would break the one line a dead letter's reason is
        shown = shown.replaceAll("\\p{Cntrl}", "?");
        return text.length() <= VersionSchemes.MAX_LENGTH ? "'" + shown + "'"
                : "'" + shown + "' is " + text.length() + " characters, over the " + VersionSchemes.MAX_LENGTH
                        + " of any version";
    }
}
