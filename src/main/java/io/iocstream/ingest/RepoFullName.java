package io.iocstream.ingest;

import java.util.regex.Pattern;

/**
 * GitHub's rules for a repository's {@code owner/name}: the owner is an account name (letters, digits and '-',
 * up to 39; '_' too, as in managed users' {@code handle_shortcode}), the name is up to 100 letters, digits, '.',
 * '-' and '_' and is not '.' or '..'.
 */
final class RepoFullName {

    static final int MAX_OWNER = 39;
    static final int MAX_NAME = 100;
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_OWNER + "}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME + "}");

    private RepoFullName() {}

    /** The rule {@code fullName} breaks, or null when GitHub allows it. */
    static String violation(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash < 0 || slash != fullName.lastIndexOf('/')) {
            return "not owner/name with one '/'";
        }
        String owner = fullName.substring(0, slash);
        String name = fullName.substring(slash + 1);
        if (!OWNER.matcher(owner).matches()) {
            return "the owner is not 1 to " + MAX_OWNER + " letters, digits, '-' or '_'";
        }
        if (!NAME.matcher(name).matches()) {
            return "the name is not 1 to " + MAX_NAME + " letters, digits, '.', '-' or '_'";
        }
        if (name.equals(".") || name.equals("..")) {
            return "the name is '" + name + "'";
        }
        return null;
    }
}
