package io.iocstream.parse;

import java.util.List;
import java.util.Optional;

/** Knows which paths are dependency files and which parser reads each: the registry of formats. */
public final class DependencyFiles {

    private static final List<DependencyParser> PARSERS = List.of(
            new PackageLockParser(), new PackageJsonParser(), new YarnLockParser(), new PnpmLockParser(),
            new BunLockParser(),
            new RequirementsParser(), new PipfileLockParser(), new PoetryLockParser(), new UvLockParser(),
            new PdmLockParser(), new PyprojectParser(),
            new GemfileLockParser(),
            new ComposerLockParser(),
            new GoModParser(), new GoSumParser(),
            new CargoLockParser(),
            new PomXmlParser(), new GradleLockfileParser(),
            new NuGetLockParser(),
            new CycloneDxParser(), new SpdxParser());

    private DependencyFiles() {}

    public static boolean isDependencyFile(String path) {
        return parserFor(path).isPresent();
    }

    public static Optional<DependencyParser> parserFor(String path) {
        for (DependencyParser parser : PARSERS) {
            if (parser.handles(path)) {
                return Optional.of(parser);
            }
        }
        return Optional.empty();
    }

    /** Parses a dependency file, its bad entries skipped into {@code skipped}; the path picks the format. */
    public static List<Dependency> parse(String path, byte[] content, SkippedEntries skipped)
            throws DependencyFileException {
        DependencyParser parser = parserFor(path)
                .orElseThrow(() -> new DependencyFileException("no parser for " + path));
        return parser.parse(content, skipped);
    }
}
