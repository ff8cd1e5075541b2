package io.iocstream.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.core.RecordGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns one route's findings into alerts, keyed by route name. An open finding becomes one alert under its own key;
 * open retro-hunt findings of one IOC are gathered for the retro-hunt window and sent as one alert (a single one as
 * itself); a resolved finding resolves the alert it went out in, once all that alert's findings are resolved, and
 * nothing if it never went out (baseline findings, other routes). At most {@code max_alerts} triggers leave a route
 * every rate window; the findings over it are counted and sent as one summary when the window ends, which opens the
 * next window and counts in it. Resolves page no one and are not limited. Everything lives in keyed state and
 * processing-time timers, so a restored job sends what it owed under the keys it had chosen. A finding the planner
 * fails on is a dead letter.
 */
public final class AlertPlanner extends KeyedProcessFunction<String, RoutedFinding, Alert> {

    /** How many findings a summary lists; the rest are counted. */
    static final int SUMMARY_LISTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertSettings settings;
    private transient Map<String, AlertRoute> routes;
    /** finding id → the key of the alert it went out in. */
    private transient MapState<String, String> alerted;
    /** key of a grouped alert or summary → its findings still open. */
    private transient MapState<String, Integer> openMembers;
    /** IOC key → the retro-hunt findings gathered for it, and when they go out. */
    private transient MapState<String, List<String>> groups;
    private transient MapState<String, Long> groupDeadlines;
    private transient ValueState<Long> windowStart;
    private transient ValueState<Integer> sentInWindow;
    private transient ListState<String> overLimit;
    private transient ValueState<Integer> overLimitCount;
    private transient Counter triggered;
    private transient Counter resolved;
    private transient Counter heldOverLimit;
    private transient Counter grouped;
    private transient RecordGuard guard;

    public AlertPlanner(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        routes = settings.routesByName();
        alerted = getRuntimeContext().getMapState(new MapStateDescriptor<>("alerted", Types.STRING, Types.STRING));
        openMembers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("open-members", Types.STRING, Types.INT));
        groups = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("retro-hunt-groups", Types.STRING, Types.LIST(Types.STRING)));
        groupDeadlines = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("retro-hunt-deadlines", Types.STRING, Types.LONG));
        windowStart = getRuntimeContext().getState(new ValueStateDescriptor<>("rate-window-start", Types.LONG));
        sentInWindow = getRuntimeContext().getState(new ValueStateDescriptor<>("rate-window-sent", Types.INT));
        overLimit = getRuntimeContext().getListState(new ListStateDescriptor<>("over-limit", Types.STRING));
        overLimitCount = getRuntimeContext().getState(new ValueStateDescriptor<>("over-limit-count", Types.INT));
        var metrics = getRuntimeContext().getMetricGroup();
        triggered = metrics.counter("alertsTriggered");
        resolved = metrics.counter("alertsResolved");
        heldOverLimit = metrics.counter("alertsOverRateLimit");
        grouped = metrics.counter("alertsRetroHuntGrouped");
        guard = RecordGuard.of("alerts", getRuntimeContext());
    }

    @Override
    public void processElement(RoutedFinding finding, Context ctx, Collector<Alert> out) throws Exception {
        guard.run(() -> plan(finding, ctx, out), () -> "route " + finding.route() + ", finding "
                + finding.findingId(), finding::json, dead -> ctx.output(DeadLetter.TAG, dead));
    }

    private void plan(RoutedFinding finding, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (finding.open()) {
            if (alerted.contains(finding.findingId())) {
                return;
            }
            if ("retro_hunt".equals(finding.trigger())) {
                gather(finding, now, ctx);
            } else {
                trigger(List.of(finding.json()), List.of(finding.findingId()), null, now, ctx, out);
            }
        } else {
            resolve(finding, out);
        }
    }

    private void gather(RoutedFinding finding, long now, Context ctx) throws Exception {
        List<String> group = groups.get(finding.iocKey());
        if (group == null) {
            group = new ArrayList<>();
            long deadline = now + settings.retroHuntWindow().toMillis();
            groupDeadlines.put(finding.iocKey(), deadline);
            ctx.timerService().registerProcessingTimeTimer(deadline);
        }
        if (group.stream().noneMatch(json -> findingId(json).equals(finding.findingId()))) {
            group.add(finding.json());
            groups.put(finding.iocKey(), group);
        }
    }

    private void resolve(RoutedFinding finding, Collector<Alert> out) throws Exception {
        List<String> group = groups.get(finding.iocKey());
        if (group != null && group.removeIf(json -> findingId(json).equals(finding.findingId()))) {
            // resolved before its group went out: the group leaves it out (an empty group sends nothing)
            groups.put(finding.iocKey(), group);
        }
        String key = alerted.get(finding.findingId());
        if (key == null) {
            return;
        }
        alerted.remove(finding.findingId());
        Integer open = openMembers.get(key);
        if (open != null && open > 1) {
            openMembers.put(key, open - 1);
            return;
        }
        openMembers.remove(key);
        if (overLimitCount.value() != null && key.equals(summaryKey(finding.route(), windowStart.value()))) {
            // its summary has not gone out yet: it goes out and is resolved at once when the window ends
            return;
        }
        resolved.inc();
        out.collect(new Alert(finding.route(), kindOf(key), true, key, 1, List.of(finding.json())));
    }

    /** Sends an alert for {@code jsons} (one finding, or a retro-hunt group under {@code groupKey}) or holds it. */
    private void trigger(List<String> jsons, List<String> ids, String groupKey, long now, Context ctx,
            Collector<Alert> out) throws Exception {
        AlertRoute route = routes.get(ctx.getCurrentKey());
        Long start = windowStart.value();
        if (start == null) {
            start = now;
            windowStart.update(start);
            sentInWindow.update(0);
            ctx.timerService().registerProcessingTimeTimer(start + route.rateWindow().toMillis());
        }
        int sent = sentInWindow.value();
        String key;
        if (sent < route.maxAlerts()) {
            sentInWindow.update(sent + 1);
            key = groupKey == null ? findingKey(ids.get(0)) : groupKey;
            triggered.inc();
            out.collect(new Alert(route.name(), groupKey == null ? AlertKind.FINDING : AlertKind.RETRO_HUNT_GROUP,
                    false, key, ids.size(), jsons));
        } else {
            key = summaryKey(route.name(), start);
            int held = overLimitCount.value() == null ? 0 : overLimitCount.value();
            for (String json : jsons) {
                if (held++ < SUMMARY_LISTS) {
                    overLimit.add(json);
                }
            }
            overLimitCount.update(held);
            heldOverLimit.inc(ids.size());
        }
        for (String id : ids) {
            alerted.put(id, key);
        }
        if (!key.equals(findingKey(ids.get(0)))) {
            Integer open = openMembers.get(key);
            openMembers.put(key, (open == null ? 0 : open) + ids.size());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        AlertRoute route = routes.get(ctx.getCurrentKey());
        if (route == null) {
            // a route taken out of the configuration since the checkpoint: its state goes with it
            clearAll();
            return;
        }
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Long> deadline : groupDeadlines.entries()) {
            if (deadline.getValue() <= timestamp) {
                due.add(deadline.getKey());
            }
        }
        for (String iocKey : due) {
            List<String> group = groups.get(iocKey);
            groups.remove(iocKey);
            groupDeadlines.remove(iocKey);
            if (group == null || group.isEmpty()) {
                continue;
            }
            List<String> ids = group.stream().map(AlertPlanner::findingId).toList();
            if (group.size() > 1) {
                grouped.inc(group.size());
            }
            trigger(group, ids, group.size() > 1 ? retroHuntKey(iocKey) : null, timestamp, ctx, out);
        }
        Long start = windowStart.value();
        if (start != null && timestamp >= start + route.rateWindow().toMillis()) {
            Integer held = overLimitCount.value();
            List<String> listed = new ArrayList<>();
            overLimit.get().forEach(listed::add);
            overLimit.clear();
            overLimitCount.clear();
            if (held == null) {
                windowStart.clear();
                sentInWindow.clear();
            } else {
                // the summary opens the next window and counts in it, so no window ever sends more than max_alerts
                windowStart.update(timestamp);
                sentInWindow.update(1);
                ctx.timerService().registerProcessingTimeTimer(timestamp + route.rateWindow().toMillis());
                triggered.inc();
                String key = summaryKey(route.name(), start);
                out.collect(new Alert(route.name(), AlertKind.OVER_LIMIT_SUMMARY, false, key, held, listed));
                if (!openMembers.contains(key)) {
                    resolved.inc();
                    out.collect(new Alert(route.name(), AlertKind.OVER_LIMIT_SUMMARY, true, key, held, listed));
                }
            }
        }
    }

    private void clearAll() {
        alerted.clear();
        openMembers.clear();
        groups.clear();
        groupDeadlines.clear();
        windowStart.clear();
        sentInWindow.clear();
        overLimit.clear();
        overLimitCount.clear();
    }

    /** A finding's alert key: its {@code finding_id}, stable across runs and restarts. */
    public static String findingKey(String findingId) {
        return "iocstream:" + findingId;
    }

    static String retroHuntKey(String iocKey) {
        String ids = iocKey.replace(' ', ',');
        return "iocstream:retro-hunt:" + (ids.length() <= 200 ? ids : sha256(ids));
    }

    static String summaryKey(String route, long windowStart) {
        return "iocstream:over-limit:" + route + ":" + windowStart;
    }

    private static AlertKind kindOf(String key) {
        if (key.startsWith("iocstream:retro-hunt:")) {
            return AlertKind.RETRO_HUNT_GROUP;
        }
        return key.startsWith("iocstream:over-limit:") ? AlertKind.OVER_LIMIT_SUMMARY : AlertKind.FINDING;
    }

    private static String findingId(String json) {
        try {
            return JSON.readTree(json).path("finding_id").asText();
        } catch (IOException e) {
            // the planner's own state holds only records the job wrote
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
