package io.iocstream.parse;

import com.google.common.net.InternetDomainName;
import com.google.thirdparty.publicsuffix.PublicSuffixPatterns;
import java.io.IOException;
import java.io.InputStream;
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
        Scan scan = new Scan(urls);
        scan.scan(content, 0, content.length, true);
        return scan.result();
    }

    /**
     * The same as {@link #hostLines(byte[], boolean)}, read from a stream a window at a time, so a file larger
     * than the heap can be scanned: a host or URL that straddles two reads is found as in one array, since a run
     * of host characters is only judged once it and what may follow it (a port and a path) are in the window.
     * The one difference, on hostile input only: a run of host characters longer than half the window (a
     * megabyte by default) is skipped whole, where the array scan would still find a host padded by that many dots
     * or hyphens.
     */
    public static Map<String, Integer> hostLines(InputStream in, boolean urls) throws IOException {
        return hostLines(in, urls, STREAM_WINDOW);
    }

    /** Bytes of the stream in view at once. */
    static final int STREAM_WINDOW = 2 * 1024 * 1024;
    /** Bytes after a host run that may belong to its URL: a colon, a port, a slash, a path. */
    private static final int LOOKAHEAD = MAX_PATH + 64;
    /** Bytes before a run that say whether it follows a scheme ({@code ://}). */
    private static final int LOOKBEHIND = 3;

    static Map<String, Integer> hostLines(InputStream in, boolean urls, int window) throws IOException {
        if (window < 2 * (LOOKAHEAD + LOOKBEHIND)) {
            throw new IllegalArgumentException("a window of " + window + " bytes is too small");
        }
        Scan scan = new Scan(urls);
        byte[] buffer = new byte[window];
        int length = 0;
        int at = 0;
        boolean eof = false;
        boolean skippingRun = false;
        while (true) {
            if (!eof && length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    eof = true;
                } else {
                    length += n;
                    continue;
                }
            }
            if (skippingRun) {
                // inside a run too long to be a host: pass over it to the first byte that is not of it
                while (at < length && HOST_CHAR[buffer[at] & 0xff]) {
                    at++;
                }
                skippingRun = at == length && !eof;
            }
            int stop = skippingRun ? length : scan.scan(buffer, at, length, eof);
            if (eof && stop >= length) {
                return scan.result();
            }
            // keep what is not judged yet, with the bytes before it that say whether it follows a scheme
            int keep = Math.max(0, stop - LOOKBEHIND);
            if (keep == 0 && length == buffer.length) {
                // one run (and what follows it) fills the window: it is longer than any host
                skippingRun = true;
                keep = length - LOOKBEHIND;
                stop = length;
            }
            System.arraycopy(buffer, keep, buffer, 0, length - keep);
            length -= keep;
            at = stop - keep;
        }
    }

    /** One scan's hosts and URLs so far, and the line it is on. */
    private static final class Scan {
        private final boolean urls;
        private final Map<String, Integer> hosts = new LinkedHashMap<>();
        private final Map<String, Integer> withPaths = new LinkedHashMap<>();
        private int line = 1;

        Scan(boolean urls) {
            this.urls = urls;
        }

        /**
         * Scans {@code content[from, length)}; returns where it stopped: {@code length}, or (before the end of
         * the input) the start of a run that may go on past {@code length} or whose URL may.
         */
        int scan(byte[] content, int from, int length, boolean eof) {
            int i = from;
            while (i < length) {
                if (!HOST_CHAR[content[i] & 0xff]) {
                    // a host run never holds a line break, so counting them here counts them all
                    if (content[i] == '\n') {
                        line++;
                    } else if (content[i] == ':' && (i + 1 < length ? IPV6_CHAR[content[i + 1] & 0xff] : !eof)) {
                        // an IPv6 literal is the one host with a colon, and a hex digit or colon follows each of
                        // its colons (in text, a colon is mostly followed by a blank, slash or quote); one that may
                        // go on past the window is judged in the next, from its first digit
                        int candidate = ipv6Start(content, i);
                        if (!eof && length - i <= LOOKAHEAD && candidate > LOOKBEHIND) {
                            return candidate;
                        }
                        if (i + 1 < length) {
                            Map<String, Integer> paths = urls && withPaths.size() < MAX_URLS ? withPaths : null;
                            int end = addIfIpv6(content, length, candidate, i, line, hosts, paths);
                            if (end > i) {
                                i = end;
                                continue;
                            }
                        }
                    }
                    i++;
                    continue;
                }
                int start = i;
                boolean dot = false;
                for (; i < length && HOST_CHAR[content[i] & 0xff]; i++) {
                    dot |= content[i] == '.';
                }
                if (!eof && (i == length || dot && length - i <= LOOKAHEAD && start > LOOKBEHIND)) {
                    return start;
                }
                if (dot) {
                    String host = addIfHost(content, start, i, line, hosts);
                    if (host != null && urls && withPaths.size() < MAX_URLS) {
                        addUrl(content, length, host, i, line, withPaths);
                    }
                }
            }
            return length;
        }

        Map<String, Integer> result() {
            withPaths.forEach(hosts::putIfAbsent);
            return hosts;
        }
    }

    /** Whether an entry of {@link #hostLines(byte[], boolean)} is a URL with a path rather than a host. */
    public static boolean isUrl(String entry) {
        return entry.indexOf('/') > 0;
    }

    /** Adds {@code host/path} when a path follows the host at {@code at} (after an optional {@code :port}). */
    private static void addUrl(byte[] content, int length, String host, int at, int line,
            Map<String, Integer> urls) {
        int path = at;
        if (path < length && content[path] == ':') {
            int digits = path + 1;
            while (digits < length && content[digits] >= '0' && content[digits] <= '9') {
                digits++;
            }
            path = digits > path + 1 ? digits : -1;
        }
        if (path < 0 || path >= length || content[path] != '/') {
            return;
        }
        int end = path + 1;
        while (end < length && end - path < MAX_PATH && URL_CHAR[content[end] & 0xff]) {
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
    private static int addIfIpv6(byte[] content, int length, int start, int colon, int line,
            Map<String, Integer> hosts, Map<String, Integer> urls) {
        if (start > 0 && touches(content[start - 1])) {
            return colon;
        }
        int end = colon;
        int colons = 0;
        boolean gap = false;
        int firstDot = -1;
        for (; end < length && end - start <= IpAddresses.MAX_IPV6; end++) {
            byte b = content[end];
            if (b == ':') {
                colons++;
                gap |= end > start && content[end - 1] == ':';
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
        boolean bracketed = start > 0 && content[start - 1] == '[' && end < length && content[end] == ']';
        if (end - start > IpAddresses.MAX_IPV6 || colons < (bracketed ? 2 : 3)
                || end < length && (touches(content[end]) && content[end] != '.' || content[end] == ':')) {
            return refused(content, length, colon, end, dot);
        }
        // eight groups, or fewer with "::": refuses MAC addresses and times before Guava parses anything
        if (!gap && colons != (dot ? 6 : 7)) {
            return refused(content, length, colon, end, dot);
        }
        String address = IpAddresses.canonical(new String(content, start, end - start, StandardCharsets.US_ASCII));
        if (address == null) {
            return refused(content, length, colon, end, dot);
        }
        hosts.putIfAbsent(address, line);
        if (bracketed && urls != null) {
            addUrl(content, length, address, end + 1, line, urls);
        }
        return bracketed ? end + 1 : end;
    }

    /**
     * Where the scan goes on after a run that is no IPv6 literal: past it when it holds only hex digits and colons and
     * no host character follows (no host can be in it, and a MAC address or fingerprint is then read once), else at
     * the next byte, so a name or IPv4 address in or after it is still found.
     */
    private static int refused(byte[] content, int length, int colon, int end, boolean dot) {
        return !dot && (end >= length || !HOST_CHAR[content[end] & 0xff]) ? end : colon;
    }

    /** Where an IPv6 literal holding {@code colon} would begin: up to four hex digits before it. */
    private static int ipv6Start(byte[] content, int colon) {
        int start = colon;
        while (start > 0 && colon - start < 4 && isHex(content[start - 1])) {
            start--;
        }
        return start;
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
