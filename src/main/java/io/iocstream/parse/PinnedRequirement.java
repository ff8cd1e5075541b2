package io.iocstream.parse;

import java.util.Optional;

/**
 * A PEP 508 requirement that pins exactly one version ({@code name==1.2.3}, {@code name[extra] === 1.2.3}),
 * the only kind of requirement that names a version a scanner can match. Ranges, wildcards ({@code ==2.8.*}),
 * several clauses, and direct references ({@code name @ https://...}) are not pins.
 *
 * <p>The grammar read is {@code NAME \s* ([EXTRAS])? \s* (=== \s* \S+ | == \s* [A-Za-z0-9.+!_-]+)}, where NAME
 * is PEP 508's {@code [A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?} and parentheses count as blanks (the old form
 * {@code name (==1.0)}). It is read by hand: manifests and requirement files ask this of every line, and a
 * regular expression cost several times the parse of the file around it.
 */
record PinnedRequirement(String name, String version) {

    /** Reads a requirement string; an environment marker after {@code ;} does not change the pin. */
    static Optional<PinnedRequirement> parse(String requirement) {
        int marker = requirement.indexOf(';');
        int end = marker < 0 ? requirement.length() : marker;
        if (requirement.lastIndexOf('@', end - 1) >= 0) {
            return Optional.empty();
        }
        int start = 0;
        while (start < end && isTrimmed(requirement.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(requirement.charAt(end - 1))) {
            end--;
        }

        int at = start;
        while (at < end && isNameChar(requirement.charAt(at))) {
            at++;
        }
        if (at == start || !isAlphanumeric(requirement.charAt(start)) || !isAlphanumeric(requirement.charAt(at - 1))) {
            return Optional.empty();
        }
        String name = requirement.substring(start, at);
        at = skipBlanks(requirement, at, end);
        if (at < end && requirement.charAt(at) == '[') {
            int close = requirement.indexOf(']', at + 1);
            if (close < 0 || close >= end) {
                return Optional.empty();
            }
            at = skipBlanks(requirement, close + 1, end);
        }

        boolean arbitrary = requirement.startsWith("===", at) && at + 3 <= end;
        if (!arbitrary && !(requirement.startsWith("==", at) && at + 2 <= end)) {
            return Optional.empty();
        }
        int versionStart = skipBlanks(requirement, at + (arbitrary ? 3 : 2), end);
        if (versionStart == end) {
            return Optional.empty();
        }
        for (int i = versionStart; i < end; i++) {
            char c = requirement.charAt(i);
            // === takes any string without blanks (arbitrary equality); == a version's characters only
            if (arbitrary ? isBlank(c) : !isVersionChar(c)) {
                return Optional.empty();
            }
        }
        // the operator and blanks are not part of the version, the rest is as written
        return Optional.of(new PinnedRequirement(name, requirement.substring(versionStart, end)));
    }

    private static int skipBlanks(String text, int from, int end) {
        int at = from;
        while (at < end && isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** What {@code String.strip} removes at the ends, and parentheses. */
    private static boolean isTrimmed(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')';
    }

    /** A regular expression's {@code \s}, and parentheses. */
    private static boolean isBlank(char c) {
        return FileFormats.isSpace(c) || c == '(' || c == ')';
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameChar(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean isVersionChar(char c) {
        return isNameChar(c) || c == '+' || c == '!';
    }
}
