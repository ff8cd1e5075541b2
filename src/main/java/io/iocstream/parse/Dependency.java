package io.iocstream.parse;

import java.util.Set;

/**
 * One resolved dependency as a dependency file states it: OSV ecosystem name, package name, and the version as the
 * file writes it ({@code v5.0.2} stays so; the matcher looks up its own spelling, {@code match.VersionSpelling}),
 * and, where the parser knows them, where and how the file names it. A dependency is who it is: two that differ
 * only in place are the same package ({@link #identity()}).
 *
 * @param line         the 1-based line the file names it on, or 0 when the parser does not tell
 * @param scope        {@link #RUNTIME}, {@link #DEV} or {@link #OPTIONAL} where the file says, else null
 * @param relationship {@link #DIRECT} or {@link #TRANSITIVE} where the file says, else null
 */
public record Dependency(String ecosystem, String name, String version, int line, String scope,
        String relationship) {

    public static final String RUNTIME = "runtime";
    public static final String DEV = "dev";
    public static final String OPTIONAL = "optional";
    public static final String DIRECT = "direct";
    public static final String TRANSITIVE = "transitive";

    private static final Set<String> SCOPES = Set.of(RUNTIME, DEV, OPTIONAL);
    private static final Set<String> RELATIONSHIPS = Set.of(DIRECT, TRANSITIVE);

    public Dependency {
        // the parsers pass these constants: comparing references first spares a set lookup for each dependency
        if (line < 0 || !(scope == null || scope == RUNTIME || scope == DEV || SCOPES.contains(scope))
                || !(relationship == null || relationship == DIRECT || relationship == TRANSITIVE
                        || RELATIONSHIPS.contains(relationship))) {
            throw new IllegalArgumentException("no such place: line " + line + ", " + scope + ", " + relationship);
        }
    }

    /** A dependency whose place in the file is not told. */
    public Dependency(String ecosystem, String name, String version) {
        this(ecosystem, name, version, 0, null, null);
    }

    /** The same dependency, named on {@code line}. */
    public Dependency atLine(int line) {
        return new Dependency(ecosystem, name, version, line, scope, relationship);
    }

    /** The same dependency, in {@code scope} and with {@code relationship} (null: the file does not say). */
    public Dependency as(String scope, String relationship) {
        return new Dependency(ecosystem, name, version, line, scope, relationship);
    }

    /** The package and version alone, without where or how the file names it. */
    public Dependency identity() {
        return line == 0 && scope == null && relationship == null ? this : new Dependency(ecosystem, name, version);
    }
}
