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
 * {@code index.js} or {@code lodash.merge-4.6.2.tgz} out of a lockfile's hosts. A dotted-quad IPv4 address counts
 * too ({@link IpAddresses}).
 */
public final class HostScanner {

    /** RFC 1035: a name is at most 253 characters. */
    private static final int MAX_HOST = 253;

    /** URLs with a path kept per file: far more than code names, and a bound on what a generated file adds. */
    static final int MAX_URLS = 256;
    /** A URL's path is kept up to this many characters; a URL indicator's path is far shorter. */
    private static final int MAX_PATH = 512;

    private static final boolean[] HOST_CHAR = new boolean[256];
    /** What a URL's path may hold, as written in code: RFC 3986's characters but quotes, brackets and blanks. */
    private static final boolean[] URL_CHAR = new boolean[256];

    static {
        for (int b = 0x21; b < 0x7f; b++) {
            URL_CHAR[b] = "\"'`<>()[]{}|\\^".indexOf(b) < 0;
        }
        for (int b = 0; b < 256; b++) {
            HOST_CHAR[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '-';
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
