package io.iocstream.github.sim;

import java.time.Instant;

/**
 * A content-creating request (a commit status, a check run) as the simulator received it: when, of which kind
 * ({@code statuses}, {@code check_runs}), and whether its content-creation limits took it.
 */
public record ContentRequest(Instant at, String kind, boolean accepted) {}
