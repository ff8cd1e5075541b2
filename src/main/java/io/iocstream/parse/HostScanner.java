package io.iocstream.parse;

import com.google.common.net.InternetDomainName;
import com.google.thirdparty.publicsuffix.PublicSuffixPatterns;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the host names a file mentions, in one pass over its bytes (no copy of the text). A run of host
 * characters with a dot counts when it is the host of a URL ({@code scheme://host}) or when it ends in a
 * public suffix ({@code webhook.site}, {@code evil.co.uk}); that keeps file and package names such as
 * {@code index.js} or {@code lodash.merge-4.6.2.tgz} out of a lockfile's hosts. IP address literals count too,
 * in their one spelling ({@link IpAddresses}): a dotted-quad IPv4 address, and an IPv6 address, found only at a
 * colon that can belong to one ({@link #addIfIpv6}).
 */
public final class HostScanner {

    /** RFC 1035: a name is at most 253 characters. */
    private static final int MAX_HOST = 253;

    /** URLs with a path kept per file: far more than code names, and a bound on what a generated file adds. */
    static final int MAX_URLS = 256;
    /** A URL's path is kept up to this many characters; a URL indicator's path is far shorter. */
    private static final int MAX_PATH = 512;

    private static final boolean[] HOST_CHAR = new boolean[256];
    /** What may follow a colon in an IPv6 literal: a hex digit or another colon. */
    private static final boolean[] IPV6_CHAR = new boolean[256];
    /** What a URL's path may hold, as written in code: RFC 3986's characters but quotes, brackets and blanks. */
    private static final boolean[] URL_CHAR = new boolean[256];

    static {
        for (int b = 0x21; b < 0x7f; b++) {
            URL_CHAR[b] = "\"'`<>()[]{}|\\^".indexOf(b) < 0;
        }
        for (int b = 0; b < 256; b++) {
            HOST_CHAR[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '-';
            IPV6_CHAR[b] = (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F') || (b >= '0' && b <= '9') || b == ':';
        }
    }

    /**
     * The last label of every rule of the public suffix list Guava's {@link InternetDomainName} reads: a name
     * whose last label is not among them cannot be under a public suffix, so most file and package names
     * ({@code .js}, {@code .tgz}, {@code .json}) are rejected without building an {@code InternetDomainName}.
     */
    private static final Set<String> SUFFIX_LAST_LABELS = lastLabels();

    private HostScanner() {}

    public static List<String> hosts(byte[] content) {
        return List.copyOf(hostLines(content, false).keySet());
    }

    /**
     * The host names a file mentions and, with {@code urls}, the URLs among them that have a path, written
     * {@code host/path} (no scheme, no port; the path up to a blank, quote or bracket), at most {@link #MAX_URLS}
     * of them: what a URL indicator is matched against. Lockfiles are read without them (thousands of registry
     * URLs say nothing a host does not). In the order the file first names them, each with the (1-based) line it
     * is first on; the URLs after the hosts.
     */
    public static Map<String, Integer> hostLines(byte[] content, boolean urls) {
        Map<String, Integer> hosts = new LinkedHashMap<>();
        Map<String, Integer> withPaths = new LinkedHashMap<>();
        int i = 0;
        int line = 1;
        while (i < content.length) {
            if (!HOST_CHAR[content[i] & 0xff]) {
                // a host run never holds a line break, so counting them here counts them all
                if (content[i] == '\n') {
                    line++;
                } else if (content[i] == ':' && i + 1 < content.length && IPV6_CHAR[content[i + 1] & 0xff]) {
                    // an IPv6 literal is the one host with a colon, and a hex digit or colon follows each of its
                    // colons (in text, a colon is mostly followed by a blank, slash or quote); skipped whole once found
                    Map<String, Integer> paths = urls && withPaths.size() < MAX_URLS ? withPaths : null;
                    int end = addIfIpv6(content, i, line, hosts, paths);
                    if (end > i) {
                        i = end;
                        continue;
                    }
                }
                i++;
                continue;
            }
            int start = i;
            boolean dot = false;
            for (; i < content.length && HOST_CHAR[content[i] & 0xff]; i++) {
                dot |= content[i] == '.';
            }
            if (dot) {
                String host = addIfHost(content, start, i, line, hosts);
                if (host != null && urls && withPaths.size() < MAX_URLS) {
                    addUrl(content, host, i, line, withPaths);
                }
            }
        }
        withPaths.forEach(hosts::putIfAbsent);
        return hosts;
    }

    /** Whether an entry of {@link #hostLines(byte[], boolean)} is a URL with a path rather than a host. */
    public static boolean isUrl(String entry) {
        return entry.indexOf('/') > 0;
    }

    /** Adds {@code host/path} when a path follows the host at {@code at} (after an optional {@code :port}). */
    private static void addUrl(byte[] content, String host, int at, int line, Map<String, Integer> urls) {
        int path = at;
        if (path < content.length && content[path] == ':') {
            int digits = path + 1;
            while (digits < content.length && content[digits] >= '0' && content[digits] <= '9') {
                digits++;
            }
            path = digits > path + 1 ? digits : -1;
        }
        if (path < 0 || path >= content.length || content[path] != '/') {
            return;
        }
        int end = path + 1;
        while (end < content.length && end - path < MAX_PATH && URL_CHAR[content[end] & 0xff]) {
            end++;
        }
        // a sentence's full stop or comma is not part of the URL
        while (end > path + 1 && (content[end - 1] == '.' || content[end - 1] == ',')) {
            end--;
        }
        if (end > path + 1) {
            urls.putIfAbsent(host + new String(content, path, end - path, StandardCharsets.UTF_8), line);
        }
    }

    /** Adds the run if it is a host; the host (new or seen before), or null when it is none. */
    private static String addIfHost(byte[] content, int start, int end, int line, Map<String, Integer> hosts) {
        // a host never starts or ends with a dot or hyphen ("example.com." at a sentence's end)
        while (start < end && (content[start] == '.' || content[start] == '-')) {
            start++;
        }
        while (end > start && (content[end - 1] == '.' || content[end - 1] == '-')) {
            end--;
        }
        int length = end - start;
        if (length >= 7 && length <= 15 && content[start] >= '0' && content[start] <= '9') {
            String address = lower(content, start, end);
            if (IpAddresses.isIpv4(address)) {
                // an address stands for a host as a name does: a C2 server is often given as one
                hosts.putIfAbsent(address, line);
                return address;
            }
        }
        int lastLabel = lastLabelStart(content, start, end);
        if (length < 4 || length > MAX_HOST || lastLabel <= start || !isLetters(content, lastLabel, end)) {
            return null;
        }
        boolean url = afterScheme(content, start);
        if (!url && !SUFFIX_LAST_LABELS.contains(lower(content, lastLabel, end))) {
            return null;
        }
        String host = lower(content, start, end);
        if (hosts.containsKey(host)) {
            return host;
        }
        if (!InternetDomainName.isValid(host)) {
            return null;
        }
        if (url || InternetDomainName.from(host).isUnderPublicSuffix()) {
            hosts.put(host, line);
            return host;
        }
        return null;
    }

    /**
     * At a colon followed by a hex digit or colon: adds the IPv6 literal it belongs to, if it starts at most four hex digits before it, and returns
     * where the scan goes on: past the literal, past a run that cannot hold a host ({@link #refused}), else
     * {@code colon}. Cheap to refuse, as lockfiles are full of colons and
     * hex: the literal must stand alone (no letter, digit, underscore, dot or hyphen touching it, so
     * {@code h1:abc}, {@code sha256:…} and {@code Foo::bar} are none), hold at least three colons unless it is in
     * brackets as in a URL ({@code [fe80::1]:8080}; so {@code a::b}, a path in Rust or C++, is none), and be a valid
     * address ({@code 12:34:56}, a MAC address, a fingerprint of 16 groups are none).
     */
    private static int addIfIpv6(byte[] content, int colon, int line, Map<String, Integer> hosts,
            Map<String, Integer> urls) {
        int start = colon;
        while (start > 0 && colon - start < 4 && isHex(content[start - 1])) {
            start--;
        }
        if (start > 0 && touches(content[start - 1])) {
            return colon;
        }
        int end = colon;
        int colons = 0;
        boolean gap = false;
        int firstDot = -1;
        for (; end < content.length && end - start <= IpAddresses.MAX_IPV6; end++) {
            byte b = content[end];
            if (b == ':') {
                colons++;
                gap |= content[end - 1] == ':';
            } else if (b == '.') {
                firstDot = firstDot < 0 ? end : firstDot;
            } else if (!isHex(b)) {
                break;
            }
        }
        // a sentence's full stop is not part of the address
        while (firstDot >= 0 && end > firstDot && content[end - 1] == '.') {
            end--;
        }
        // an embedded IPv4 address (::ffff:1.2.3.4) is the one place a dot may stand
        boolean dot = firstDot >= 0 && firstDot < end;
        boolean bracketed = start > 0 && content[start - 1] == '[' && end < content.length && content[end] == ']';
        if (end - start > IpAddresses.MAX_IPV6 || colons < (bracketed ? 2 : 3)
                || end < content.length && (touches(content[end]) && content[end] != '.' || content[end] == ':')) {
            return refused(content, colon, end, dot);
        }
        // eight groups, or fewer with "::": refuses MAC addresses and times before Guava parses anything
        if (!gap && colons != (dot ? 6 : 7)) {
            return refused(content, colon, end, dot);
        }
        String address = IpAddresses.canonical(new String(content, start, end - start, StandardCharsets.US_ASCII));
        if (address == null) {
            return refused(content, colon, end, dot);
        }
        hosts.putIfAbsent(address, line);
        if (bracketed && urls != null) {
            addUrl(content, address, end + 1, line, urls);
        }
        return bracketed ? end + 1 : end;
    }

    /**
     * Where the scan goes on after a run that is no IPv6 literal: past it when it holds only hex digits and colons and
     * no host character follows (no host can be in it, and a MAC address or fingerprint is then read once), else at
     * the next byte, so a name or IPv4 address in or after it is still found.
     */
    private static int refused(byte[] content, int colon, int end, boolean dot) {
        return !dot && (end >= content.length || !HOST_CHAR[content[end] & 0xff]) ? end : colon;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** A character that makes a run part of a longer word, name or number rather than an address of its own. */
    private static boolean touches(byte b) {
        return HOST_CHAR[b & 0xff] || b == '_' || b == ':';
    }

    private static boolean afterScheme(byte[] content, int start) {
        return start >= 3 && content[start - 1] == '/' && content[start - 2] == '/' && content[start - 3] == ':';
    }

    /** Where the part after the last dot begins; {@code start} when there is no dot. */
    private static int lastLabelStart(byte[] content, int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (content[i] == '.') {
                return i + 1;
            }
        }
        return start;
    }

    /** Top-level domains are letters (IDNs as {@code xn--} punycode), never digits: {@code 1.2.3} is a version. */
    private static boolean isLetters(byte[] content, int start, int end) {
        boolean letter = false;
        for (int i = start; i < end; i++) {
            byte b = content[i];
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                letter = true;
            } else if (!(b == '-' || (b >= '0' && b <= '9'))) {
                return false;
            }
        }
        return letter;
    }

    private static String lower(byte[] content, int start, int end) {
        return new String(content, start, end - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static Set<String> lastLabels() {
        Set<String> labels = new HashSet<>();
        Stream.of(PublicSuffixPatterns.EXACT, PublicSuffixPatterns.UNDER, PublicSuffixPatterns.EXCLUDED)
                .flatMap(rules -> rules.keySet().stream())
                .forEach(rule -> labels.add(rule.substring(rule.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)));
        return Set.copyOf(labels);
    }
}
