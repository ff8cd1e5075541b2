package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PyPI version as PEP 440 defines it: epoch, release (trailing zeros do not count, so {@code 1.0 == 1.0.0}),
 * pre-release ({@code a}, {@code b}, {@code rc} with the spellings alpha, beta, c, pre and preview), post-release
 * (also the implicit {@code 1.0-1}), dev release and local label, ordered as the PEP's summary of permitted
 * suffixes says. Numbers may have any length, as packaging's {@code int} reads them. {@link #toString()} is the
 * PEP's normalised form.
 *
 * @param epoch     the epoch ({@code N!}), 0 when absent
 * @param release   the release numbers as written
 * @param preLabel  {@code a}, {@code b} or {@code rc}, or null
 * @param preNumber the pre-release number (0 when the label has none, or no label)
 * @param post      the post-release number, or null
 * @param dev       the dev-release number, or null
 * @param local     the local label's segments, lower-cased, or empty
 */
public record Pep440Version(BigInteger epoch, List<BigInteger> release, String preLabel, BigInteger preNumber,
        BigInteger post, BigInteger dev, List<String> local) implements Comparable<Pep440Version> {

    /** No post-release sorts before any post-release. */
    private static final Comparator<BigInteger> POST = Comparator.nullsFirst(Comparator.naturalOrder());
    /** No dev release sorts after every dev release. */
    private static final Comparator<BigInteger> DEV = Comparator.nullsLast(Comparator.naturalOrder());

    // the PEP's own regular expression (Appendix B), without the named groups
    private static final Pattern PEP440 = Pattern.compile(
            "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
            + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
            + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
            + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
            + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    public Pep440Version {
        release = List.copyOf(release);
        local = List.copyOf(local);
    }

    public static Pep440Version parse(String text) {
        VersionSchemes.requireWithinLength("PEP 440", text);
        String t = text.strip().toLowerCase(Locale.ROOT);
        long[] plain = DottedNumbers.parse(t, false);
        if (plain != null) {
            return new Pep440Version(BigInteger.ZERO, DottedNumbers.boxed(plain), null, BigInteger.ZERO, null, null,
                    List.of());
        }
        Matcher m = PEP440.matcher(t);
        if (!m.matches()) {
            throw new InvalidVersionException("PEP 440", text);
        }
        BigInteger epoch = numberOrZero(m.group(1));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) {
            release.add(DottedNumbers.number(part));
        }
        String preLabel = m.group(3) == null ? null : switch (m.group(3)) {
            case "a", "alpha" -> "a";
            case "b", "beta" -> "b";
            default -> "rc";
        };
        BigInteger preNumber = numberOrZero(m.group(4));
        BigInteger post = m.group(5) != null ? DottedNumbers.number(m.group(5))
                : m.group(6) == null ? null : numberOrZero(m.group(7));
        BigInteger dev = m.group(8) == null ? null : numberOrZero(m.group(9));
        List<String> local = m.group(10) == null ? List.of() : localSegments(m.group(10));
        return new Pep440Version(epoch, release, preLabel, preNumber, post, dev, local);
    }

    /** An implicit number ({@code 1.0a}, {@code 1.0.post}) is 0. */
    private static BigInteger numberOrZero(String digits) {
        return digits == null ? BigInteger.ZERO : DottedNumbers.number(digits);
    }

    /** Numeric local segments are numbers: {@code +ubuntu.01} is {@code +ubuntu.1}. */
    private static List<String> localSegments(String label) {
        List<String> segments = new ArrayList<>();
        for (String segment : label.split("[-_.]")) {
            segments.add(Identifiers.isNumeric(segment) ? Identifiers.stripZeros(segment) : segment);
        }
        return segments;
    }

    @Override
    public int compareTo(Pep440Version o) {
        int c = epoch.compareTo(o.epoch);
        if (c == 0) {
            c = compareRelease(release, o.release);
        }
        if (c == 0) {
            c = Integer.compare(preRank(), o.preRank());
        }
        if (c == 0 && preLabel != null) {
            c = preNumber.compareTo(o.preNumber);
        }
        if (c == 0) {
            c = POST.compare(post, o.post);
        }
        if (c == 0) {
            c = DEV.compare(dev, o.dev);
        }
        if (c == 0) {
            c = compareLocal(local, o.local);
        }
        return c;
    }

    /**
     * The key of a release: no epoch, pre-, post- or dev release and no local label, each of which makes a
     * version unequal to every such release (see {@link VersionScheme#releaseKey}).
     */
    long releaseKey() {
        boolean isRelease = epoch.signum() == 0 && preLabel == null && post == null && dev == null && local.isEmpty();
        return isRelease ? ReleaseKeys.of(release) : VersionScheme.NOT_RELEASE;
    }

    /** 1.0.dev0 sorts before 1.0a0: a dev release with no pre or post part ranks below every pre-release. */
    private int preRank() {
        if (preLabel == null) {
            return post == null && dev != null ? 0 : 4;
        }
        return switch (preLabel) {
            case "a" -> 1;
            case "b" -> 2;
            default -> 3;
        };
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Local labels: numeric segments sort after alphanumeric ones; a longer label sorts after its prefix. */
    private static int compareLocal(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            boolean aNumeric = Identifiers.isNumeric(a.get(i));
            int c = aNumeric != Identifiers.isNumeric(b.get(i)) ? (aNumeric ? 1 : -1)
                    : Identifiers.compareOne(a.get(i), b.get(i), false);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        List<BigInteger> trimmed = new ArrayList<>(release);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        return Objects.hash(epoch, trimmed, preLabel, preNumber, post, dev, local);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (epoch.signum() != 0) {
            s.append(epoch).append('!');
        }
        s.append(String.join(".", release.stream().map(String::valueOf).toList()));
        if (preLabel != null) {
            s.append(preLabel).append(preNumber);
        }
        if (post != null) {
            s.append(".post").append(post);
        }
        if (dev != null) {
            s.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            s.append('+').append(String.join(".", local));
        }
        return s.toString();
    }
}
