package io.iocstream.fetch;

import io.iocstream.changes.ScanRequest;

/** A scan request with its listing, or the reason it could not be listed. */
public record ResolvedScan(ScanRequest request, ScanListing listing, String failure) {

    static ResolvedScan listed(ScanRequest request, ScanListing listing) {
        return new ResolvedScan(request, listing, null);
    }

    static ResolvedScan failed(ScanRequest request, String failure) {
        return new ResolvedScan(request, null, failure);
    }
}
