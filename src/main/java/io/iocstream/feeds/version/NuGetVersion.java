package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NuGet version: SemVer 2.0.0 with one to four numeric parts (missing parts are 0, so {@code 1.0} equals
 * {@code 1.0.0.0}), prerelease labels compared without regard to case, build metadata ignored, as NuGet's
 * {@code VersionComparer.Default} does. Numbers may have any length (NuGet's own stop at {@code int}).
 *
 * @param parts      major, minor, patch, revision
 * @param prerelease prerelease labels, lower-cased; empty for a release
 */
public record NuGetVersion(List<BigInteger> parts, List<String> prerelease) implements Comparable<NuGetVersion> {

    private static final Pattern NUGET = Pattern.compile(
            "(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?"
            + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public NuGetVersion {
        parts = List.copyOf(parts);
        prerelease = List.copyOf(prerelease);
    }

    public static NuGetVersion parse(String text) {
        VersionSchemes.requireWithinLength("NuGet", text);
        Matcher m = NUGET.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidVersionException("NuGet", text);
        }
        BigInteger[] parts = new BigInteger[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = m.group(i + 1) == null ? BigInteger.ZERO : DottedNumbers.number(m.group(i + 1));
        }
        List<String> pre = m.group(5) == null ? List.of()
                : List.of(m.group(5).toLowerCase(Locale.ROOT).split("\\."));
        return new NuGetVersion(List.of(parts), pre);
    }

    @Override
    public int compareTo(NuGetVersion o) {
        for (int i = 0; i < 4; i++) {
            int c = parts.get(i).compareTo(o.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (prerelease.isEmpty() != o.prerelease.isEmpty()) {
            return prerelease.isEmpty() ? 1 : -1;
        }
        return Identifiers.compare(prerelease, o.prerelease, true);
    }
}
