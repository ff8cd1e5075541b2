package io.iocstream.alerts;

import io.iocstream.feeds.Severity;
import io.iocstream.findings.JsonLines;
import io.iocstream.match.Finding;
import io.iocstream.match.FindingStatus;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Hands each finding to every route whose severity and repository filters it passes. Open findings must also have a
 * trigger the route takes; resolved ones go on whatever resolved them, and the planner resolves only what it alerted.
 * A finding that is neither open nor resolved (suppressed) alerts no one.
 */
public final class AlertRouting extends RichFlatMapFunction<Finding, RoutedFinding> {

    private final List<AlertRoute> routes;
    private transient List<List<PathMatcher>> repoMatchers;

    public AlertRouting(AlertSettings settings) {
        this.routes = settings.routes();
    }

    @Override
    public void open(OpenContext context) {
        repoMatchers = new ArrayList<>();
        for (AlertRoute route : routes) {
            repoMatchers.add(route.repos().stream()
                    .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList());
        }
    }

    @Override
    public void flatMap(Finding finding, Collector<RoutedFinding> out) {
        boolean open = FindingStatus.OPEN.wire().equals(finding.status());
        if (!open && !FindingStatus.RESOLVED.wire().equals(finding.status())) {
            return;
        }
        String json = null;
        for (int i = 0; i < routes.size(); i++) {
            AlertRoute route = routes.get(i);
            if (takes(route, repoMatchers.get(i), finding, open)) {
                json = json == null ? JsonLines.of(finding) : json;
                out.collect(new RoutedFinding(route.name(), finding.findingId(), open, finding.trigger(),
                        String.join(" ", finding.iocIds()), json));
            }
        }
    }

    static boolean takes(AlertRoute route, List<PathMatcher> repos, Finding finding, boolean open) {
        if (Severity.ofWire(finding.severity()).compareTo(route.minSeverity()) > 0) {
            return false;
        }
        if (open && !route.triggers().contains(finding.trigger())) {
            return false;
        }
        Path repo = Path.of(finding.repo());
        return repos.stream().anyMatch(glob -> glob.matches(repo));
    }
}
