package io.iocstream.parse;

import com.google.common.net.InetAddresses;

/**
 * IP address literals, as a C2 address stands in code ({@code 142.11.206.73}, {@code 2001:db8::1}), and their one
 * spelling: IPv4 as four decimal numbers of 0 to 255 without leading zeros; IPv6 in RFC 5952's canonical form
 * (lower case, no leading zeros, the longest run of zero groups as {@code ::}), and an IPv4-mapped IPv6 address
 * ({@code ::ffff:1.2.3.4}) as the IPv4 address it stands for. {@link HostScanner} records them among a file's hosts,
 * where a domain or ip indicator of the same address finds them, however either side wrote it.
 *
 * <p>Literals only: Guava's {@link InetAddresses} parses the text and never asks DNS.
 */
public final class IpAddresses {

    /** The longest IPv6 literal: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    static final int MAX_IPV6 = 45;

    private IpAddresses() {}

    /** Whether {@code text} is a dotted-quad IPv4 address. */
    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a host as {@link HostScanner} records it (or an indicator's value) is an address rather than a name: a
     * dotted quad, or an IPv6 address in its canonical form (a name never holds a colon).
     */
    public static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || isIpv4(host);
    }

    /**
     * The one spelling of an IP literal, or null when {@code text} is none: a dotted quad as it is, an IPv6 address
     * (optionally in brackets, as in a URL) in RFC 5952 form, an IPv4-mapped one as its IPv4 address. A zone
     * ({@code fe80::1%eth0}) is refused: it names an interface of one machine, not a host on the network.
     */
    public static String canonical(String text) {
        String literal = text.length() > 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
                ? text.substring(1, text.length() - 1) : text;
        if (literal.indexOf(':') < 0) {
            return isIpv4(literal) ? literal : null;
        }
        if (literal.length() > MAX_IPV6 || literal.indexOf('%') >= 0 || !InetAddresses.isInetAddress(literal)) {
            return null;
        }
        return InetAddresses.toAddrString(InetAddresses.forString(literal));
    }
}
