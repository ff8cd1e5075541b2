package io.iocstream.alerts;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.RecordGuard;
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
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands each finding to every route whose severity and repository filters it passes. Open findings must also have a
 * trigger the route takes; resolved ones go on whatever resolved them, and the planner resolves only what it alerted.
 * A finding that is neither open nor resolved (suppressed) alerts no one; one the routing fails on is a dead letter.
 */
public final class AlertRouting extends ProcessFunction<Finding, RoutedFinding> {

    private final List<AlertRoute> routes;
    private transient List<List<PathMatcher>> repoMatchers;
    private transient RecordGuard guard;

    public AlertRouting(AlertSettings settings) {
        this.routes = settings.routes();
    }

    @Override
    public void open(OpenContext context) {
        guard = RecordGuard.of("alerts", getRuntimeContext());
        compileGlobs();
    }

    void compileGlobs() {
        repoMatchers = new ArrayList<>();
        for (AlertRoute route : routes) {
            repoMatchers.add(route.repos().stream()
                    .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList());
        }
    }

    @Override
    public void processElement(Finding finding, Context ctx, Collector<RoutedFinding> out) {
        guard.run(() -> route(finding, out), () -> finding.repo() + " " + finding.path() + " (finding "
                + finding.findingId() + ")", () -> JsonLines.of(finding), dead -> ctx.output(DeadLetter.TAG, dead));
    }

    /** Hands {@code finding} to each route that takes it. */
    void route(Finding finding, Collector<RoutedFinding> out) {
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
