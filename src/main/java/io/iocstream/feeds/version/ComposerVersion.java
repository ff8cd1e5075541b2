package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Packagist version as Composer normalises and orders it: an optional {@code v}, up to four numeric parts
 * (missing ones are 0), then a stability with an optional number, ordered
 * {@code -dev < alpha < beta < RC < stable < patch}; a {@code -dev} suffix puts a version just before the same
 * version without it. Branch versions {@code 1.x-dev} count as {@code 1.9999999.9999999.9999999-dev}, as
 * Composer's {@code VersionParser} makes them; named branches ({@code dev-main}) have no order and do not parse.
 * Numbers may have any length (Composer's own major stops at five digits, or a date's).
 *
 * @param parts           the four numeric parts
 * @param stability       0 dev, 1 alpha, 2 beta, 3 RC, 4 stable, 5 patch
 * @param stabilityNumber the numbers after the stability ({@code beta2.1} → 2, 1)
 * @param devSuffix       a trailing {@code -dev} after a stability or number
 */
public record ComposerVersion(List<BigInteger> parts, int stability, List<BigInteger> stabilityNumber,
        boolean devSuffix) implements Comparable<ComposerVersion> {

    // Composer's VersionParser::$modifierRegex on its classical versions, case-insensitive
    private static final Pattern CLASSICAL = Pattern.compile(
            "v?(\\d+)(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?"
            + "[._-]?(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?",
            Pattern.CASE_INSENSITIVE);
    // a branch: 1.x-dev, 2.1.*-dev
    private static final Pattern BRANCH = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+|[x*]))?(?:\\.(\\d+|[x*]))?(?:\\.(\\d+|[x*]))?[.-]?dev", Pattern.CASE_INSENSITIVE);
    private static final BigInteger WILDCARD = BigInteger.valueOf(9999999);

    public ComposerVersion {
        parts = List.copyOf(parts);
        stabilityNumber = List.copyOf(stabilityNumber);
    }

    public static ComposerVersion parse(String text) {
        VersionSchemes.requireWithinLength("Composer", text);
        // build metadata is dropped, as Composer's normalize does
        String t = text.strip().replaceFirst("\\+[^\\s]+$", "");
        Matcher m = CLASSICAL.matcher(t);
        if (m.matches()) {
            List<BigInteger> parts = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                parts.add(m.group(i) == null ? BigInteger.ZERO : DottedNumbers.number(m.group(i).replace(".", "")));
            }
            int stability = m.group(5) == null ? 4 : rank(m.group(5));
            List<BigInteger> numbers = new ArrayList<>();
            if (m.group(6) != null) {
                for (String n : m.group(6).split("[.-]")) {
                    if (!n.isEmpty()) {
                        numbers.add(DottedNumbers.number(n));
                    }
                }
            }
            boolean dev = m.group(7) != null;
            if (dev && m.group(5) == null && numbers.isEmpty()) {
                // 1.0.0-dev: the dev stability itself
                return new ComposerVersion(parts, 0, List.of(), false);
            }
            return new ComposerVersion(parts, stability, numbers, dev);
        }
        Matcher b = BRANCH.matcher(t);
        if (b.matches()) {
            List<BigInteger> parts = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String p = b.group(i);
                parts.add(p == null || p.equals("x") || p.equals("X") || p.equals("*") ? WILDCARD
                        : DottedNumbers.number(p));
            }
            return new ComposerVersion(parts, 0, List.of(), false);
        }
        throw new InvalidVersionException("Composer", text);
    }

    private static int rank(String stability) {
        return switch (stability.toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> 1;
            case "beta", "b" -> 2;
            case "rc" -> 3;
            case "stable" -> 4;
            default -> 5;
        };
    }

    @Override
    public int compareTo(ComposerVersion o) {
        for (int i = 0; i < 4; i++) {
            int c = parts.get(i).compareTo(o.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(stability, o.stability);
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < Math.min(stabilityNumber.size(), o.stabilityNumber.size()); i++) {
            c = stabilityNumber.get(i).compareTo(o.stabilityNumber.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (stabilityNumber.size() != o.stabilityNumber.size()) {
            // beta < beta2, and beta-dev < beta2 as well: a missing number is below any number
            return Integer.compare(stabilityNumber.size(), o.stabilityNumber.size());
        }
        return Boolean.compare(o.devSuffix, devSuffix);
    }
}
