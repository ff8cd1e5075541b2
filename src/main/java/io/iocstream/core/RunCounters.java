package io.iocstream.core;

/** Names of the Flink accumulators the stages count into; the run summary reads them back. */
public final class RunCounters {
    public static final String EVENTS_IN = "events_in";
    public static final String PUSHES = "pushes";
    public static final String FILES_CONSIDERED = "files_considered";
    public static final String FILES_FETCHED = "files_fetched";
    public static final String BYTES_FETCHED = "bytes_fetched";
    public static final String API_REQUESTS = "api_requests";
    /** GraphQL batches GitHub abandoned at its time limit, split in halves and asked again (none of their files lost). */
    public static final String BATCHES_SPLIT = "batches_split";
    /** Records a stage failed on unexpectedly ({@link RecordGuard}); each is also a dead letter. */
    public static final String RECORDS_FAILED = "records_failed";
    /** Dependency files and workflows read in part: some entries could not be read and were skipped. */
    public static final String FILES_PARTIALLY_PARSED = "files_partially_parsed";
    /** The entries skipped in them, each a dead letter (the first hundred of a file). */
    public static final String ENTRIES_SKIPPED = "entries_skipped";

    private RunCounters() {}
}
