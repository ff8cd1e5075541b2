package io.iocstream.parse;

import com.google.common.net.InternetDomainName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the host names a file mentions, in one pass over its bytes (no copy of the text). A run of host
 * characters with a dot counts when it is the host of a URL ({@code scheme://host}) or when it ends in a
 * public suffix ({@code webhook.site}, {@code evil.co.uk}); that keeps file and package names such as
 * {@code index.js} or {@code lodash.merge-4.6.2.tgz} out of a lockfile's hosts.
 */
public final class HostScanner {

    /** RFC 1035: a name is at most 253 characters. */
    private static final int MAX_HOST = 253;

    private HostScanner() {}

    public static List<String> hosts(byte[] content) {
        Set<String> hosts = new LinkedHashSet<>();
        int i = 0;
        while (i < content.length) {
            if (!isHostChar(content[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < content.length && isHostChar(content[i])) {
                i++;
            }
            String host = candidate(content, start, i);
            if (host != null) {
                hosts.add(host);
            }
        }
        return List.copyOf(hosts);
    }

    private static String candidate(byte[] content, int start, int end) {
        // a host never starts or ends with a dot or hyphen ("example.com." at a sentence's end)
        while (start < end && (content[start] == '.' || content[start] == '-')) {
            start++;
        }
        while (end > start && (content[end - 1] == '.' || content[end - 1] == '-')) {
            end--;
        }
        int length = end - start;
        if (length < 4 || length > MAX_HOST || !hasDot(content, start, end) || !lastLabelIsLetters(content, end)) {
            return null;
        }
        String host = new String(content, start, length, java.nio.charset.StandardCharsets.US_ASCII)
                .toLowerCase(Locale.ROOT);
        if (!InternetDomainName.isValid(host)) {
            return null;
        }
        return afterScheme(content, start) || InternetDomainName.from(host).isUnderPublicSuffix() ? host : null;
    }

    private static boolean afterScheme(byte[] content, int start) {
        return start >= 3 && content[start - 1] == '/' && content[start - 2] == '/' && content[start - 3] == ':';
    }

    private static boolean hasDot(byte[] content, int start, int end) {
        for (int i = start; i < end; i++) {
            if (content[i] == '.') {
                return true;
            }
        }
        return false;
    }

    /** Top-level domains are letters (IDNs as {@code xn--} punycode), never digits: {@code 1.2.3} is a version. */
    private static boolean lastLabelIsLetters(byte[] content, int end) {
        int i = end - 1;
        boolean letter = false;
        while (i >= 0 && content[i] != '.') {
            byte b = content[i];
            if (Character.isLetter(b)) {
                letter = true;
            } else if (!(b == '-' || Character.isDigit(b))) {
                return false;
            }
            i--;
        }
        return letter;
    }

    private static boolean isHostChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '-';
    }
}
