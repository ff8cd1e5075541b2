package io.iocstream.feeds;

import io.iocstream.parse.EntryValues;

/**
 * Refuses a feed's package name that no ecosystem allows, by the rule the parsers skip such a dependency by
 * ({@link EntryValues}: over 256 characters, control or format characters, U+FFFD): indexed, it could never match.
 */
final class PackageName {

    private PackageName() {}

    /** {@code name} when an ecosystem could allow it. */
    static String check(String name) throws BadFeedRow {
        String problem = EntryValues.problem("package name", name);
        if (problem != null) {
            throw new BadFeedRow(problem);
        }
        return name;
    }
}
