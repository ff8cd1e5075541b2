package io.iocstream.match.version;

import java.util.List;

/** The plain {@code 1.2.3} form most versions take, read without a regular expression. */
final class DottedNumbers {

    /** Longer numbers are left to the full grammars, which know how each scheme treats them. */
    private static final int MAX_DIGITS = 18;

    private DottedNumbers() {}

    /**
     * The numbers of {@code text} when it is digits separated by single dots (and, if {@code noLeadingZeros},
     * none written with a leading zero); null for anything else, which the scheme's full grammar then decides.
     */
    static long[] parse(String text, boolean noLeadingZeros) {
        int parts = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                parts++;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        long[] numbers = new long[parts];
        int start = 0;
        for (int p = 0; p < parts; p++) {
            int end = text.indexOf('.', start);
            end = end < 0 ? text.length() : end;
            int digits = end - start;
            if (digits == 0 || digits > MAX_DIGITS || (noLeadingZeros && digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            long n = 0;
            for (int i = start; i < end; i++) {
                n = n * 10 + (text.charAt(i) - '0');
            }
            numbers[p] = n;
            start = end + 1;
        }
        return numbers;
    }

    static List<Long> boxed(long[] numbers) {
        Long[] boxed = new Long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            boxed[i] = numbers[i];
        }
        return List.of(boxed);
    }
}
