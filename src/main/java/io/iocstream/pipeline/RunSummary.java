package io.iocstream.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.iocstream.core.RecordGuard;

/**
 * The run summary of a bounded run (CONTRACT section 4), one JSON object. {@code peak_heap_bytes} is the highest
 * sampled heap in use, garbage included; {@code peak_heap_after_gc_bytes} the most that survived a collection.
 * {@code warnings} are what the user must know about the run as a whole (no IOC entries loaded), one line each.
 * {@code records_failed} counts the dead letters of records a stage failed on unexpectedly ({@link RecordGuard}).
 * {@code ioc_entries} counts the feed entries and indicators that can match (withdrawn ones and those of
 * ecosystems iocstream does not match are not among them); {@code ioc_entries_unsupported} counts the latter per
 * OSV ecosystem. {@code scans} counts the scan records (one per push or baseline, docs/findings.md), and
 * {@code scans_not_fully_read} those with a file that could not be read, a listing that failed, or records missing.
 */
public record RunSummary(
        @JsonProperty("events_in") long eventsIn,
        @JsonProperty("pushes") long pushes,
        @JsonProperty("dead_letters") long deadLetters,
        @JsonProperty("records_failed") long recordsFailed,
        @JsonProperty("files_considered") long filesConsidered,
        @JsonProperty("files_fetched") long filesFetched,
        @JsonProperty("bytes_fetched") long bytesFetched,
        @JsonProperty("api_requests") long apiRequests,
        @JsonProperty("files_partially_parsed") long filesPartiallyParsed,
        @JsonProperty("entries_skipped") long entriesSkipped,
        @JsonProperty("findings") long findings,
        @JsonProperty("findings_open") long findingsOpen,
        @JsonProperty("findings_resolved") long findingsResolved,
        @JsonProperty("scans") long scans,
        @JsonProperty("scans_not_fully_read") long scansNotFullyRead,
        @JsonProperty("ioc_entries") long iocEntries,
        @JsonProperty("ioc_entries_unsupported") java.util.Map<String, Integer> iocEntriesUnsupported,
        @JsonProperty("wall_ms") long wallMs,
        @JsonProperty("peak_heap_bytes") long peakHeapBytes,
        @JsonProperty("peak_heap_after_gc_bytes") long peakHeapAfterGcBytes,
        @JsonProperty("heap_max_bytes") long heapMaxBytes,
        @JsonProperty("throttle_pauses") long throttlePauses,
        @JsonProperty("fetch_strategy") String fetchStrategy,
        @JsonProperty("parallelism") int parallelism,
        @JsonProperty("simulator_requests") java.util.Map<String, Long> simulatorRequests,
        @JsonProperty("warnings") java.util.List<String> warnings) {}
