package io.iocstream.match.version;

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

    static long of(List<Long> numbers) {
        int length = numbers.size();
        while (length > 0 && numbers.get(length - 1) == 0) {
            length--;
        }
        long key = 17;
        for (int i = 0; i < length; i++) {
            key = mix(key, numbers.get(i));
        }
        return key & Long.MAX_VALUE;
    }

    private static long mix(long key, long number) {
        return (key ^ number) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
