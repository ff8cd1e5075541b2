package io.iocstream.parse;

/**
 * IPv4 literals, as a C2 address stands in code ({@code 142.11.206.73}): four decimal numbers of 0 to 255 without
 * leading zeros. {@link HostScanner} records them among a file's hosts, where a domain or ip indicator of the same
 * address finds them.
 */
public final class IpAddresses {

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
}
