package io.iocstream.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads GitHub's pagination header, {@code Link: <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]+)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

    private LinkHeader() {}

    /** The URL of {@code rel}, or null when the header is absent or names no such relation. */
    static String url(String header, String rel) {
        if (header == null) {
            return null;
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rels = REL.matcher(link.group(2));
            while (rels.find()) {
                // one rel attribute may hold several space-separated relation types
                for (String type : rels.group(1).trim().split("\\s+")) {
                    if (type.equalsIgnoreCase(rel)) {
                        return link.group(1);
                    }
                }
            }
        }
        return null;
    }
}
