package io.iocstream.match;

/**
 * One suppression as a user writes it, in the job's YAML ({@code suppressions.entries}) or a suppressions file:
 * what it covers (any of an IOC id, a finding id, a repository glob and a path glob; every one given must match),
 * why ({@code reason}, required) and until when ({@code until}: a date, {@code 2027-01-31}, meaning that day's
 * start in UTC, or an RFC 3339 time; none means it does not expire). osv-scanner's {@code ignoreUntil} and
 * {@code reason} are the model. {@link Suppression#of} checks it.
 */
public record SuppressionEntry(String iocId, String findingId, String repo, String path, String reason,
        String until) {}
