package io.iocstream.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 508 requirement that pins exactly one version ({@code name==1.2.3}, {@code name[extra] === 1.2.3}),
 * the only kind of requirement that names a version a scanner can match. Ranges, wildcards ({@code ==2.8.*}),
 * several clauses, and direct references ({@code name @ https://...}) are not pins.
 */
record PinnedRequirement(String name, String version) {

    private static final Pattern PIN = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*"
                    + "(?:(===)\\s*(\\S+)|==\\s*([A-Za-z0-9.+!_-]+))");

    /** Reads a requirement string; an environment marker after {@code ;} does not change the pin. */
    static Optional<PinnedRequirement> parse(String requirement) {
        String spec = requirement;
        int marker = spec.indexOf(';');
        if (marker >= 0) {
            spec = spec.substring(0, marker);
        }
        spec = spec.strip();
        if (spec.contains("@")) {
            return Optional.empty();
        }
        // A parenthesised specifier is the old form: name (==1.0)
        spec = spec.replace("(", " ").replace(")", " ").strip();
        Matcher pin = PIN.matcher(spec);
        if (!pin.matches()) {
            return Optional.empty();
        }
        String version = pin.group(2) != null ? pin.group(3) : pin.group(4);
        return Optional.of(new PinnedRequirement(pin.group(1), version));
    }
}
