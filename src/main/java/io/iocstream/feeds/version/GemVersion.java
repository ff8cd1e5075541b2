package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RubyGems version as {@code Gem::Version} orders it: segments are runs of digits (numbers) or letters
 * (strings); a version with a letter is a prerelease, since a string segment sorts before any number and before
 * a missing segment ({@code 1.0.a < 1.0}); trailing zero segments do not count ({@code 1.0 == 1}); a {@code -}
 * reads as {@code .pre.}. Numbers may have any length, as Ruby's integers do.
 *
 * @param segments the canonical segments (BigInteger or String), trailing zeros of each part dropped
 */
public record GemVersion(List<Object> segments) implements Comparable<GemVersion> {

    // Gem::Version::VERSION_PATTERN
    private static final Pattern GEM =
            Pattern.compile("[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    public GemVersion {
        segments = List.copyOf(segments);
    }

    public static GemVersion parse(String text) {
        VersionSchemes.requireWithinLength("RubyGems", text);
        String t = text.strip();
        long[] plain = DottedNumbers.parse(t, false);
        if (plain != null) {
            return new GemVersion(canonical(new ArrayList<>(DottedNumbers.boxed(plain))));
        }
        if (!GEM.matcher(t).matches()) {
            throw new InvalidVersionException("RubyGems", text);
        }
        List<Object> all = new ArrayList<>();
        Matcher m = SEGMENT.matcher(t.replace("-", ".pre."));
        while (m.find()) {
            String s = m.group();
            all.add(Character.isDigit(s.charAt(0)) ? DottedNumbers.number(s) : s);
        }
        return new GemVersion(canonical(all));
    }

    /** Gem::Version#canonical_segments: drop trailing zeros of the numeric part and of the part after it. */
    private static List<Object> canonical(List<Object> all) {
        int firstString = 0;
        while (firstString < all.size() && all.get(firstString) instanceof BigInteger) {
            firstString++;
        }
        List<Object> out = new ArrayList<>(dropTrailingZeros(all.subList(0, firstString)));
        out.addAll(dropTrailingZeros(all.subList(firstString, all.size())));
        return out;
    }

    private static List<Object> dropTrailingZeros(List<Object> part) {
        int end = part.size();
        while (end > 0 && BigInteger.ZERO.equals(part.get(end - 1))) {
            end--;
        }
        return part.subList(0, end);
    }

    public boolean isPrerelease() {
        return segments.stream().anyMatch(String.class::isInstance);
    }

    @Override
    public int compareTo(GemVersion o) {
        for (int i = 0; i < Math.max(segments.size(), o.segments.size()); i++) {
            Object l = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
            Object r = i < o.segments.size() ? o.segments.get(i) : BigInteger.ZERO;
            if (l.equals(r)) {
                continue;
            }
            if (l instanceof String ls && r instanceof String rs) {
                return ls.compareTo(rs);
            }
            if (l instanceof BigInteger ln && r instanceof BigInteger rn) {
                return ln.compareTo(rn);
            }
            return l instanceof String ? -1 : 1;
        }
        return 0;
    }
}
