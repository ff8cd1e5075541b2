package io.iocstream.feeds.version;

import java.util.List;

/** Dot-separated prerelease identifiers compared as SemVer 2.0.0 section 11.4 says. */
final class Identifiers {

    private Identifiers() {}

    /**
     * Numeric identifiers compare numerically and sort before alphanumeric ones, alphanumeric ones compare in
     * ASCII order (or ignoring case, as NuGet does), and a shorter list that is a prefix of a longer one sorts
     * first. Callers handle the empty list (a release), which sorts after every prerelease.
     */
    static int compare(List<String> a, List<String> b, boolean ignoreCase) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compareOne(a.get(i), b.get(i), ignoreCase);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareOne(String x, String y, boolean ignoreCase) {
        boolean xNumeric = isNumeric(x);
        boolean yNumeric = isNumeric(y);
        if (xNumeric && yNumeric) {
            return compareNumeric(x, y);
        }
        if (xNumeric != yNumeric) {
            return xNumeric ? -1 : 1;
        }
        return ignoreCase ? x.compareToIgnoreCase(y) : x.compareTo(y);
    }

    static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Digit strings of any length (Go pseudo-version timestamps, dates), without overflow. */
    static int compareNumeric(String x, String y) {
        String a = stripZeros(x);
        String b = stripZeros(y);
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** {@code digits} without leading zeros, {@code 0} for zeros only: the number's canonical text. */
    static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
