package io.iocstream.fetch;

/** How the fetch stage reads files from GitHub. */
public enum FetchStrategy {
    /** One REST call per file, one at a time: the baseline batch scanners use. */
    SEQUENTIAL,
    /** One REST call per file, many in flight. */
    PARALLEL,
    /** GraphQL batches whose size and concurrency follow latency, errors, rate budget and memory (default). */
    ADAPTIVE,
    /** Large GraphQL batches, many in flight, no adaptation. */
    AGGRESSIVE,
    /** Small GraphQL batches, two in flight. */
    CONSERVATIVE
}
