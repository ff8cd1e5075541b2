package io.iocstream.parse;

/**
 * One branch (or tag) of a repository, the key of its inventory in the matcher's keyed state. {@link #key()} joins
 * the two with a space, as every savepoint so far holds it; a repository name holds no space (GitHub's rule, checked
 * at ingest), so {@link #parse} splits at the first.
 */
public record BranchKey(String repo, String ref) {

    /** The keyed state's key: {@code owner/name refs/heads/main}. */
    public String key() {
        return repo + " " + ref;
    }

    /** The branch a {@link #key()} names. */
    public static BranchKey parse(String key) {
        int space = key.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no branch key (repo and ref joined by a space): '" + key + "'");
        }
        return new BranchKey(key.substring(0, space), key.substring(space + 1));
    }
}
