package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.iocstream.core.DeadLetter;

/**
 * The npm spellings the JavaScript parsers share: {@code name@spec} descriptors (where a leading {@code @} belongs
 * to a scope, not to the spec), exact versions, {@code npm:real@version} aliases, and which of two scopes wins.
 */
final class NpmSpecs {

    static final String ECOSYSTEM = "npm";

    private NpmSpecs() {}

    /**
     * The scope of a package that several sections or workspaces list: what runs in production wins over what may,
     * and that over what only development needs.
     */
    static String widerScope(String one, String other) {
        return scopeRank(one) >= scopeRank(other) ? one : other;
    }

    private static int scopeRank(String scope) {
        return switch (scope) {
            case Dependency.RUNTIME -> 2;
            case Dependency.OPTIONAL -> 1;
            default -> 0;
        };
    }

    /**
     * A registry version as lockfiles write it: semver, no range, no protocol, no URL. That is
     * {@code \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?}, read by hand: a manifest asks this of every
     * dependency, and the regular expression cost more than the JSON parse around it.
     */
    static boolean isExactVersion(String version) {
        if (version == null) {
            return false;
        }
        int at = 0;
        for (int part = 0; part < 3; part++) {
            if (part > 0) {
                if (at == version.length() || version.charAt(at) != '.') {
                    return false;
                }
                at++;
            }
            int start = at;
            while (at < version.length() && isDigit(version.charAt(at))) {
                at++;
            }
            if (at == start) {
                return false;
            }
        }
        if (at < version.length() && version.charAt(at) == '-') {
            at = identifiersEnd(version, at + 1);
        }
        if (at >= 0 && at < version.length() && version.charAt(at) == '+') {
            at = identifiersEnd(version, at + 1);
        }
        return at == version.length();
    }

    /** The end of a non-empty run of {@code [0-9A-Za-z.-]} starting at {@code start}, or -1 when it is empty. */
    private static int identifiersEnd(String version, int start) {
        int at = start;
        while (at < version.length() && isIdentifierChar(version.charAt(at))) {
            at++;
        }
        return at == start ? -1 : at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
    }

    /** The name part of {@code name@spec}, or the whole descriptor when it has no spec. */
    static String nameOf(String descriptor) {
        int at = specAt(descriptor);
        return at < 0 ? descriptor : descriptor.substring(0, at);
    }

    /** The spec part of {@code name@spec}, or {@code null} when there is none. */
    static String specOf(String descriptor) {
        int at = specAt(descriptor);
        return at < 0 ? null : descriptor.substring(at + 1);
    }

    /**
     * The real package behind {@code npm:real@range}, or {@code null} when the spec is not an alias; yarn berry's
     * {@code npm:1.2.3} (no name) is the same package from the registry, not an alias.
     */
    static String aliasTarget(String spec) {
        if (spec == null || !spec.startsWith("npm:")) {
            return null;
        }
        String target = spec.substring("npm:".length());
        return specAt(target) < 0 ? null : nameOf(target);
    }

    /** The first line of an exception message, with the line it happened on: reasons travel as one line. */
    static String oneLine(Throwable e) {
        if (e instanceof JsonProcessingException json && json.getOriginalMessage() != null) {
            String message = json.getOriginalMessage();
            int marker = message.indexOf(" (start marker at");
            String reason = oneLine(marker < 0 ? message : message.substring(0, marker));
            return json.getLocation() == null ? reason : reason + " (line " + json.getLocation().getLineNr() + ")";
        }
        return DeadLetter.firstLine(e).strip();
    }

    private static String oneLine(String message) {
        return DeadLetter.firstLine(message).strip();
    }

    private static int specAt(String descriptor) {
        return descriptor.isEmpty() ? -1 : descriptor.indexOf('@', 1);
    }
}
