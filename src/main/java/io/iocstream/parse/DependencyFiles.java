package io.iocstream.parse;

import java.util.List;

/** Knows which paths are dependency files and which parser reads each. */
public final class DependencyFiles {

    private static final PackageLockParser PACKAGE_LOCK = new PackageLockParser();

    private DependencyFiles() {}

    public static boolean isDependencyFile(String path) {
        return PackageLockParser.handles(path);
    }

    /** Parses a dependency file; the path picks the format. */
    public static List<Dependency> parse(String path, byte[] content) throws DependencyFileException {
        if (PackageLockParser.handles(path)) {
            return PACKAGE_LOCK.parse(content);
        }
        throw new DependencyFileException("no parser for " + path);
    }
}
