package io.iocstream.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Package URLs ({@code pkg:type/namespace/name@version?qualifiers#subpath}) as SBOMs write them, mapped to the
 * OSV ecosystem and package name: {@code npm} ({@code @scope/name}), {@code pypi} → PyPI, {@code maven} →
 * Maven ({@code group:artifact}), {@code golang} → Go (the full module path), {@code cargo} → crates.io,
 * {@code gem} → RubyGems, {@code composer} → Packagist ({@code vendor/name}), {@code nuget} → NuGet. Segments
 * and the version are percent-decoded; {@code +} is a literal plus, not a space. Other types, purls without a
 * version, and malformed purls give nothing.
 */
public final class Purl {

    private Purl() {}

    public static Optional<Dependency> toDependency(String purl) {
        if (purl == null || !purl.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        String rest = purl.substring(4);
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        String path = rest.substring(slash + 1);
        int at = versionSeparator(path);
        if (at < 0) {
            return Optional.empty();
        }
        // percent-encoding is the purl's, not the version's
        String version = decode(path.substring(at + 1));
        String[] segments = path.substring(0, at).split("/");
        StringBuilder namespace = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = decode(segments[i]);
            if (segment == null) {
                return Optional.empty();
            }
            if (!segment.isEmpty()) {
                namespace.append(namespace.length() == 0 ? "" : "/").append(segment);
            }
        }
        String name = decode(segments[segments.length - 1]);
        if (version == null || version.isEmpty() || name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return ecosystemName(type, namespace.toString(), name)
                .map(ecosystemAndName -> new Dependency(ecosystemAndName[0], ecosystemAndName[1], version));
    }

    /** The {@code @} before the version: the last one that does not start a segment (an unencoded npm scope). */
    private static int versionSeparator(String path) {
        for (int i = path.length() - 1; i > 0; i--) {
            if (path.charAt(i) == '@' && path.charAt(i - 1) != '/') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String[]> ecosystemName(String type, String namespace, String name) {
        String qualified = namespace.isEmpty() ? name : namespace + "/" + name;
        return switch (type) {
            case "npm" -> Optional.of(new String[] {"npm",
                    namespace.isEmpty() || namespace.startsWith("@") ? qualified : "@" + qualified});
            case "pypi" -> Optional.of(new String[] {"PyPI", name});
            case "maven" -> namespace.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new String[] {"Maven", namespace.replace('/', '.') + ":" + name});
            case "golang" -> Optional.of(new String[] {"Go", qualified});
            case "cargo" -> Optional.of(new String[] {"crates.io", name});
            case "gem" -> Optional.of(new String[] {"RubyGems", name});
            case "composer" -> Optional.of(new String[] {"Packagist", qualified});
            case "nuget" -> Optional.of(new String[] {"NuGet", name});
            default -> Optional.empty();
        };
    }

    /** Percent-decoding as UTF-8, byte by byte since escapes may split a character; null for a broken escape. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length) {
                return null;
            }
            int high = Character.digit(raw[i + 1], 16);
            int low = Character.digit(raw[i + 2], 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
