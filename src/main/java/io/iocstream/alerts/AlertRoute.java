package io.iocstream.alerts;

import io.iocstream.feeds.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which findings page whom: findings of at least {@code minSeverity}, made by one of {@code triggers} (baseline left
 * out by default, so that the first scan of an organisation pages no one), in a repository matching one of the
 * {@code repos} globs, go to {@code receiver}; at most {@code maxAlerts} alerts every {@code rateWindow}, the rest
 * gathered into one summary.
 */
public record AlertRoute(String name, String receiver, Severity minSeverity, Set<String> triggers, List<String> repos,
        int maxAlerts, Duration rateWindow) implements Serializable {

    public AlertRoute {
        triggers = Set.copyOf(triggers);
        repos = List.copyOf(repos);
    }
}
