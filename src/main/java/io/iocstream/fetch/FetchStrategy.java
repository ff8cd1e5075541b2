package io.iocstream.fetch;

/** How the fetch stage reads files from GitHub. */
public enum FetchStrategy {
    /** One REST call per file, one at a time: the baseline batch scanners use. */
    SEQUENTIAL
}
