package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** The plain {@code 1.2.3} form most versions take, read without a regular expression. */
final class DottedNumbers {

    /** Longer numbers are left to the full grammars, which know how each scheme treats them. */
    static final int MAX_DIGITS = 18;

    private DottedNumbers() {}

    /**
     * The numbers of {@code text} when it is digits separated by single dots (and, if {@code noLeadingZeros},
     * none written with a leading zero); null for anything else, which the scheme's full grammar then decides.
     */
    static long[] parse(String text, boolean noLeadingZeros) {
        // one pass: most versions have at most four parts, which fill this before it is copied to size
        long[] numbers = new long[4];
        int parts = 0;
        long n = 0;
        int digits = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == MAX_DIGITS || (noLeadingZeros && digits == 1 && n == 0)) {
                    return null;
                }
                n = n * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0) {
                if (parts == numbers.length) {
                    numbers = Arrays.copyOf(numbers, parts * 2);
                }
                numbers[parts++] = n;
                n = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return parts == numbers.length ? numbers : Arrays.copyOf(numbers, parts);
    }

    static List<BigInteger> boxed(long[] numbers) {
        BigInteger[] boxed = new BigInteger[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            boxed[i] = BigInteger.valueOf(numbers[i]);
        }
        return List.of(boxed);
    }

    /**
     * A version's number of any length: the ecosystems that read numbers as integers without bounds (PEP 440,
     * RubyGems, Go, Maven) order {@code 99999999999999999999} after {@code 9223372036854775807}.
     */
    static BigInteger number(String digits) {
        // the usual short number without BigInteger's digit loop, and 0 to 16 from its cache
        return digits.length() <= MAX_DIGITS ? BigInteger.valueOf(Long.parseLong(digits)) : new BigInteger(digits);
    }
}
