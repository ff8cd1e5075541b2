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
 * {@code index.js} or {@code lodash.merge-4.6.2.tgz} out of a lockfile's hosts.
 */
public final class HostScanner {

    /** RFC 1035: a name is at most 253 characters. */
    private static final int MAX_HOST = 253;

    private static final boolean[] HOST_CHAR = new boolean[256];

    static {
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
        return List.copyOf(hostLines(content).keySet());
    }

    /** The hosts, in the order the file first names them, each with the (1-based) line it is first on. */
    public static Map<String, Integer> hostLines(byte[] content) {
        Map<String, Integer> hosts = new LinkedHashMap<>();
        int i = 0;
        int line = 1;
        while (i < content.length) {
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
            for (; i < content.length && HOST_CHAR[content[i] & 0xff]; i++) {
                dot |= content[i] == '.';
            }
            if (dot) {
                addIfHost(content, start, i, line, hosts);
            }
        }
        return hosts;
    }

    private static void addIfHost(byte[] content, int start, int end, int line, Map<String, Integer> hosts) {
        // a host never starts or ends with a dot or hyphen ("example.com." at a sentence's end)
        while (start < end && (content[start] == '.' || content[start] == '-')) {
            start++;
        }
        while (end > start && (content[end - 1] == '.' || content[end - 1] == '-')) {
            end--;
        }
        int length = end - start;
        int lastLabel = lastLabelStart(content, start, end);
        if (length < 4 || length > MAX_HOST || lastLabel <= start || !isLetters(content, lastLabel, end)) {
            return;
        }
        boolean url = afterScheme(content, start);
        if (!url && !SUFFIX_LAST_LABELS.contains(lower(content, lastLabel, end))) {
            return;
        }
        String host = lower(content, start, end);
        if (hosts.containsKey(host) || !InternetDomainName.isValid(host)) {
            return;
        }
        if (url || InternetDomainName.from(host).isUnderPublicSuffix()) {
            hosts.put(host, line);
        }
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
