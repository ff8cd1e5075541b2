package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.List;

/** Keys of releases' numbers for {@link VersionScheme#releaseKey}: trailing zeros do not count. */
final class ReleaseKeys {

    private ReleaseKeys() {}

    static long of(long[] numbers) {
        int length = numbers.length;
        while (length > 0 && numbers[length - 1] == 0) {
            length--;
        }
        long key = 17;
        for (int i = 0; i < length; i++) {
            key = mix(key, numbers[i]);
        }
        return key & Long.MAX_VALUE;
    }

    /**
     * {@link VersionScheme#NOT_RELEASE} when a number does not fit in a {@code long}: such a release is the same
     * as no release with a key, so an entry that lists it turns every keyed release away, rightly.
     */
    static long of(List<BigInteger> numbers) {
        long[] values = new long[numbers.size()];
        for (int i = 0; i < values.length; i++) {
            BigInteger number = numbers.get(i);
            if (number.bitLength() >= Long.SIZE) {
                return VersionScheme.NOT_RELEASE;
            }
            values[i] = number.longValue();
        }
        return of(values);
    }

    /**
     * What {@link #of(long[])} gives for {@code DottedNumbers.parse(text, noLeadingZeros)} when that has
     * {@code parts} numbers (any number for 0), without building the array; {@link VersionScheme#NO_KEYS} for any
     * other text. A lookup's version is keyed this way before, and mostly instead of, being parsed.
     */
    static long ofPlain(String text, boolean noLeadingZeros, int parts) {
        long key = 17;
        int count = 0;
        int zerosPending = 0;
        long n = 0;
        int digits = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == DottedNumbers.MAX_DIGITS || (noLeadingZeros && digits == 1 && n == 0)) {
                    return VersionScheme.NO_KEYS;
                }
                n = n * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0) {
                count++;
                // zeros count only once a later number follows them: trailing zeros do not count
                if (n == 0) {
                    zerosPending++;
                } else {
                    for (; zerosPending > 0; zerosPending--) {
                        key = mix(key, 0);
                    }
                    key = mix(key, n);
                }
                n = 0;
                digits = 0;
            } else {
                return VersionScheme.NO_KEYS;
            }
        }
        return parts > 0 && count != parts ? VersionScheme.NO_KEYS : key & Long.MAX_VALUE;
    }

    private static long mix(long key, long number) {
        return (key ^ number) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
