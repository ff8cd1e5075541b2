package io.iocstream.parse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GitHub Actions {@code uses:} reference to another repository's action or reusable workflow,
 * {@code owner/repo[/path]@ref}, in the one spelling the matcher compares: GitHub's owner and repository names
 * are case-insensitive, so the part before {@code @} is lower-cased; a full commit SHA is lower-cased too; any
 * other ref (a tag or branch) is case-sensitive and kept as written. A local action ({@code ./dir}) or a Docker
 * image ({@code docker://...}) is no reference to a repository.
 */
public final class ActionReference {

    /** The OSV ecosystem whose packages are actions, {@code owner/repo}, and whose versions are their tags. */
    public static final String ECOSYSTEM = "GitHub Actions";

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    /** owner and repository as GitHub allows them; then any path of non-blank segments. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+(/[^/@\\s]+)*");

    private ActionReference() {}

    /** Whether a {@code uses:} value names an action or workflow of a repository, {@code owner/repo[/path]@ref}. */
    public static boolean isRemote(String uses) {
        int at = uses.indexOf('@');
        return at > 0 && at < uses.length() - 1 && NAME.matcher(uses.substring(0, at)).matches();
    }

    /**
     * {@code reference} ({@code owner/repo[/path]@ref}, or without {@code @ref}) as the matcher compares it.
     *
     * @throws IllegalArgumentException when it names no repository
     */
    public static String normalised(String reference) {
        String value = reference.strip();
        int at = value.indexOf('@');
        String name = at < 0 ? value : value.substring(0, at);
        if (!NAME.matcher(name).matches() || (at >= 0 && at == value.length() - 1)) {
            throw new IllegalArgumentException("not an action reference owner/repo[/path][@ref]: '" + reference + "'");
        }
        String lowerName = name.toLowerCase(Locale.ROOT);
        if (at < 0) {
            return lowerName;
        }
        String ref = value.substring(at + 1);
        return lowerName + "@" + (FULL_SHA.matcher(ref).matches() ? ref.toLowerCase(Locale.ROOT) : ref);
    }

    /** The {@code owner/repo} of a normalised name {@code owner/repo[/path]}: the package OSV files it under. */
    public static String repository(String name) {
        int first = name.indexOf('/');
        int second = first < 0 ? -1 : name.indexOf('/', first + 1);
        return second < 0 ? name : name.substring(0, second);
    }
}
