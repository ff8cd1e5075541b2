package io.iocstream.ingest;

import java.nio.charset.StandardCharsets;

/**
 * git's rules for a ref name ({@code git check-ref-format}, refs.c), plus GitHub's limit of 255 bytes: a pushed ref
 * that breaks them cannot have come from git, and would otherwise be echoed into every finding and into state.
 */
final class GitRefName {

    /** GitHub refuses longer refs ("GH005: Sorry, refs longer than 255 bytes are not allowed"). */
    static final int MAX_BYTES = 255;

    private GitRefName() {}

    /** The rule {@code ref} breaks, or null when git and GitHub accept it. */
    static String violation(String ref) {
        // every character is at least one byte: a longer string is refused before it is measured
        if (ref.length() > MAX_BYTES || ref.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "longer than " + MAX_BYTES + " bytes";
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character (" + String.format("U+%04X", (int) c) + ")";
            }
            if (c == ' ') {
                return "contains a space";
            }
            if ("~^:?*[\\".indexOf(c) >= 0) {
                return "contains '" + c + "'";
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(ref, i)) {
                return "not valid Unicode (a lone surrogate)";
            }
        }
        if (ref.equals("@")) {
            return "is '@' alone";
        }
        if (ref.contains("..")) {
            return "contains '..'";
        }
        if (ref.contains("@{")) {
            return "contains '@{'";
        }
        if (ref.startsWith("/") || ref.endsWith("/") || ref.contains("//")) {
            return "has an empty component (a leading, trailing or doubled '/')";
        }
        if (ref.indexOf('/') < 0) {
            return "has no '/' (a one-level name)";
        }
        if (ref.endsWith(".")) {
            return "ends with '.'";
        }
        for (String component : ref.split("/")) {
            if (component.startsWith(".")) {
                return "a component starts with '.'";
            }
            if (component.endsWith(".lock")) {
                return "a component ends with '.lock'";
            }
        }
        return null;
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
