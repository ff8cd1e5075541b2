package io.iocstream.parse;

/**
 * What no ecosystem allows in a package name or version, nor GitHub in a workflow name or runner label: control and
 * formatting characters (a terminal escape, a bidirectional override), U+FFFD (bytes that were not UTF-8), and more
 * than {@link #MAX_LENGTH} characters. Such a value is a hostile or broken entry, skipped with a reason; the feed
 * readers refuse package names by the same rule, so that no entry is indexed that no dependency could match.
 */
public final class EntryValues {

    /**
     * Far longer than any real name or version (npm caps names at 214); the version orderings refuse longer
     * versions too ({@code MavenVersion}'s cap), and a 20 KB version once overflowed the stack of a regular
     * expression.
     */
    public static final int MAX_LENGTH = 256;
    private static final int MAX_LABEL = 120;

    private EntryValues() {}

    /** Why {@code value} is no name or version, as {@code what} + a reason; null when it is fine. */
    public static String problem(String what, String value) {
        if (value.length() > MAX_LENGTH) {
            return what + " longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isHostile(c)) {
                return what + " has " + (c == '\uFFFD' ? "U+FFFD (bytes that are not UTF-8)"
                        : "control character " + String.format("U+%04X", (int) c));
            }
        }
        return null;
    }

    /** A label fit for a dead letter's origin and a terminal: hostile characters escaped, clipped. */
    static String printable(String label) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < label.length() && out.length() < MAX_LABEL; i++) {
            char c = label.charAt(i);
            out.append(isHostile(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < label.length() ? out.append("...").toString() : out.toString();
    }

    private static boolean isHostile(char c) {
        if (c >= ' ' && c < 0x7F) {
            return false;
        }
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c == '\uFFFD';
    }
}
