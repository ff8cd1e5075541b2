package io.iocstream.parse;

import java.util.List;

/** Reads one dependency-file format into (ecosystem, name, version) triples. One implementation per format. */
public interface DependencyParser {

    /** Whether a file at this repository path is in this parser's format (decided by its name). */
    boolean handles(String path);

    /**
     * The dependencies the file states. An entry that cannot be read (a malformed line, a field of the wrong type, a
     * name or version no ecosystem allows) is skipped into {@code skipped} and the rest is read; a file that is not
     * this format at all, or not even well-formed JSON, TOML, YAML or XML, is an exception, never a crash.
     */
    List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException;

    /** Whether a repository path's file name is {@code name}; allocates nothing, as every file is asked. */
    static boolean isNamed(String path, String name) {
        int start = path.length() - name.length();
        return path.endsWith(name) && (start == 0 || path.charAt(start - 1) == '/');
    }

    /** The file name of a repository path. */
    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Dependency files inside installed or vendored trees describe installed copies, not the project. */
    static boolean isVendored(String path) {
        return path.startsWith("node_modules/") || path.contains("/node_modules/")
                || path.startsWith("vendor/bundle/") || path.contains("/vendor/bundle/");
    }
}
