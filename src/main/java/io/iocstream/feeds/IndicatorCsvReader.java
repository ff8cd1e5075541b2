package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import io.iocstream.parse.ActionReference;
import io.iocstream.parse.IpAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An indicators CSV: {@code type,value,id} with optional {@code severity,description} columns, in any order.
 * {@code type} is {@code sha256}, {@code file_name}, {@code domain}, {@code workflow}, {@code action} or {@code ref},
 * or the project's own {@code ip} and {@code repository} (a worm marker: a repository's name, {@code owner/name}, or
 * {@code description:TEXT}); a sha256 is 64 hex digits; a domain may be written as a URL, of which the host is
 * kept, or as an IP address (IPv4, or IPv6 in any spelling), which is matched as an address in its one spelling (so
 * is an {@code ip} value, a domain indicator of its own type); an action is {@code owner/repo[/path][@ref]}.
 * Severity defaults by kind ({@link #defaultSeverity}).
 */
final class IndicatorCsvReader {

    /** The project's own indicator type: an IP address, matched as a domain indicator is. */
    static final String IP_TYPE = "ip";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** A repository's name or owner/name as GitHub spells them, or {@code description:} and some text. */
    private static final Pattern REPOSITORY_VALUE = Pattern.compile(
            "(?i)[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?|description:.*\\S.*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /** RFC 1035's limits: a name of 255 octets on the wire is 253 characters written, a label 63. */
    static final int MAX_HOST = 253;
    static final int MAX_LABEL = 63;

    private IndicatorCsvReader() {}

    /** True when a CSV header is an indicators header rather than a package list's. */
    static boolean isIndicatorHeader(CsvHeader header) {
        return header.column("type") >= 0 && header.column("value") >= 0;
    }

    /**
     * Without a severity of the feed's own: a known payload's hash is certain ({@code critical}); a workflow name
     * or a domain is a strong sign but may be quoted in docs or reused ({@code high}); a file name alone may be
     * innocent ({@code medium}).
     */
    static String defaultSeverity(Indicator.Kind kind) {
        return switch (kind) {
            case FILE_HASH -> "critical";
            case WORKFLOW, DOMAIN, URL, ACTION, REF, REPOSITORY -> "high";
            case FILE_NAME -> "medium";
        };
    }

    static FeedDirectory.Result read(FeedFile file, CsvHeader header, List<CsvRows.Row> rows) {
        int type = header.column("type");
        int value = header.column("value");
        int id = header.column("id");
        int severity = header.column("severity");
        int description = header.column("description");
        List<Indicator> indicators = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            try {
                header.checkWidth(row);
                String typeCell = PackageCsvReader.require(header.cell(row, type), "type");
                boolean ip = typeCell.strip().equalsIgnoreCase(IP_TYPE);
                Indicator.Kind kind = ip ? Indicator.Kind.DOMAIN : Indicator.Kind.ofFeedType(typeCell);
                if (kind == null) {
                    throw new BadFeedRow("unknown indicator type '" + typeCell
                            + "' (sha256, file_name, domain, workflow, action, ref, repository, ip, url)");
                }
                String valueCell = PackageCsvReader.require(header.cell(row, value), "value");
                if (kind == Indicator.Kind.DOMAIN && !ip && url(valueCell) != null) {
                    kind = Indicator.Kind.URL; // a URL with a path means that path, not its whole host
                }
                String descriptionCell = header.cell(row, description);
                indicators.add(new Indicator(
                        PackageCsvReader.orLineId(header.cell(row, id), file, row.line()),
                        kind,
                        ip ? ipAddress(valueCell) : value(kind, valueCell),
                        FeedSeverity.of(header.cell(row, severity), defaultSeverity(kind)),
                        descriptionCell == null ? "" : descriptionCell.strip(),
                        false,
                        file.feed()));
            } catch (BadFeedRow bad) {
                deadLetters.add(file.deadLetter(row.line(), bad.getMessage(), row.raw()));
            }
        }
        return new FeedDirectory.Result(List.of(), indicators, deadLetters);
    }

    private static String value(Indicator.Kind kind, String value) throws BadFeedRow {
        return switch (kind) {
            case FILE_HASH -> {
                if (!SHA256.matcher(value).matches()) {
                    throw new BadFeedRow("a sha256 is 64 hex digits, not '" + value + "'");
                }
                yield value;
            }
            case DOMAIN -> host(value);
            case URL -> {
                String url = url(value);
                if (url == null) {
                    throw new BadFeedRow("a url has a host and a path, not '" + value + "'");
                }
                yield url;
            }
            case ACTION -> {
                try {
                    yield ActionReference.normalised(value);
                } catch (IllegalArgumentException e) {
                    throw new BadFeedRow(e.getMessage());
                }
            }
            case REF -> {
                if (value.strip().isEmpty() || value.strip().contains(" ")) {
                    throw new BadFeedRow("not a branch or tag name: '" + value + "'");
                }
                yield value;
            }
            case REPOSITORY -> {
                if (!REPOSITORY_VALUE.matcher(value.strip()).matches()) {
                    throw new BadFeedRow("a repository is a name, owner/name or description:TEXT, not '" + value + "'");
                }
                yield value;
            }
            case FILE_NAME, WORKFLOW -> value;
        };
    }

    /**
     * An {@code ip} cell: an IPv4 address written as four decimal numbers, or an IPv6 address in any valid spelling
     * (in brackets or not), kept in its one spelling ({@link IpAddresses#canonical}).
     */
    private static String ipAddress(String value) throws BadFeedRow {
        String address = IpAddresses.canonical(value.strip());
        if (address == null) {
            throw new BadFeedRow("an ip is an IPv4 or IPv6 address such as 142.11.206.73 or 2001:db8::1, not '"
                    + value + "'");
        }
        return address;
    }

    /**
     * A value's {@code host/path} (host lower-cased; scheme, port and fragment dropped; the query kept) when it is
     * a URL with more path than {@code /}, else null.
     */
    static String url(String value) throws BadFeedRow {
        String candidate = value.strip();
        int schemeEnd = candidate.indexOf("://");
        String rest = schemeEnd >= 0 ? candidate.substring(schemeEnd + 3) : candidate;
        int pathStart = rest.indexOf('/');
        int queryStart = rest.indexOf('?');
        int cut = pathStart < 0 ? queryStart : queryStart < 0 ? pathStart : Math.min(pathStart, queryStart);
        if (cut <= 0) {
            return null;
        }
        String path = rest.substring(cut);
        int fragment = path.indexOf('#');
        path = fragment >= 0 ? path.substring(0, fragment) : path;
        if (path.equals("/") || path.isEmpty()) {
            return null;
        }
        String host = host(rest.substring(0, cut));
        return host + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * A domain cell's host: the cell itself, or the host of the URL it is written as; an IP address (an IPv6 one
     * also in brackets, as a URL writes it) in its one spelling.
     */
    static String host(String value) throws BadFeedRow {
        String address = IpAddresses.canonical(value.strip());
        if (address != null) {
            return address;
        }
        String candidate = value.toLowerCase(Locale.ROOT);
        if (candidate.contains("/") || candidate.contains(":") || candidate.contains("@")) {
            try {
                URI uri = new URI(candidate.contains("://") ? candidate : "http://" + candidate);
                candidate = uri.getHost();
            } catch (URISyntaxException e) {
                candidate = null;
            }
            if (candidate != null && candidate.startsWith("[")) {
                address = IpAddresses.canonical(candidate);
                if (address == null) {
                    throw new BadFeedRow("not an IPv6 address: '" + value + "'");
                }
                return address;
            }
        }
        if (candidate != null && candidate.endsWith(".")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        if (candidate == null || candidate.isEmpty()) {
            throw new BadFeedRow("not a host name or URL: '" + value + "'");
        }
        // checked label by label: one pattern repeated per label recursed once per label, and 10,000 labels
        // overflowed the stack
        if (candidate.length() > MAX_HOST) {
            throw new BadFeedRow("a host name is at most " + MAX_HOST + " characters, not " + candidate.length());
        }
        for (String label : candidate.split("\\.", -1)) {
            if (label.length() > MAX_LABEL) {
                throw new BadFeedRow("a host name's labels are at most " + MAX_LABEL + " characters: '" + label + "'");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new BadFeedRow("not a host name or URL: '" + value + "'");
            }
        }
        return candidate;
    }
}
