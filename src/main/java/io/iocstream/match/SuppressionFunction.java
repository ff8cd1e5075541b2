package io.iocstream.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies the configured suppressions to the matcher's findings, keyed by {@code finding_id}. An open finding a
 * suppression covers goes out as {@code suppressed} (it never alerts) and is held, with a processing-time timer at
 * the suppression's expiry or one {@link Suppressions#recheck()} interval on, whichever comes first: when the timer
 * fires and no suppression covers it any more, the finding goes out again as {@code open}, detected at that moment;
 * while one still does, the timer is set again the same way. A resolved line passes unchanged and lets go of what
 * was held.
 *
 * <p>The suppressions come with the job (its configuration), not through state, so a restart applies the file as it
 * is now, and the re-check is what makes that reach the findings already held: one whose suppression was removed or
 * shortened is out again as {@code open} within an interval of the restart, once; one still covered stays as it is,
 * unwritten. Time is the timer service's processing time, which the operator test harnesses set by hand.
 */
public class SuppressionFunction extends KeyedProcessFunction<String, Finding, Finding> {

    // the held finding is kept as its JSON line, so fields added to findings later restore from older state
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ValueStateDescriptor<String> HELD = new ValueStateDescriptor<>("suppressed-finding",
            Types.STRING);
    /** When the held finding is judged next: its suppression's expiry, or the next re-check before it. */
    private static final ValueStateDescriptor<Long> EXPIRY = new ValueStateDescriptor<>("suppressed-until",
            Types.LONG);

    private final Suppressions suppressions;
    private transient ValueState<String> held;
    private transient ValueState<Long> expiry;

    public SuppressionFunction(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getState(HELD);
        expiry = getRuntimeContext().getState(EXPIRY);
    }

    @Override
    public void processElement(Finding finding, Context ctx, Collector<Finding> out) throws Exception {
        release(ctx);
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        Optional<Suppression> covering = FindingStatus.OPEN.wire().equals(finding.status())
                ? suppressions.covering(finding, now) : Optional.empty();
        if (covering.isEmpty()) {
            out.collect(finding);
            return;
        }
        out.collect(withStatus(finding, FindingStatus.SUPPRESSED, null));
        hold(finding, covering.get(), ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        String json = held.value();
        // the state keeps the one timer that counts; any other (a deleted one, restored) finds nothing to do
        if (json == null || expiry.value() == null || expiry.value() != timestamp) {
            return;
        }
        Finding finding = JSON.readValue(json, Finding.class);
        held.clear();
        expiry.clear();
        Optional<Suppression> still = suppressions.covering(finding, Instant.ofEpochMilli(timestamp));
        if (still.isPresent()) {
            hold(finding, still.get(), ctx);
            return;
        }
        out.collect(withStatus(finding, FindingStatus.OPEN, Instant.ofEpochMilli(timestamp)));
    }

    /**
     * Keeps the open finding, to judge it again at the suppression's expiry or one re-check interval from now,
     * whichever is first: so it re-opens when the suppression expires, or soon after a restart that removed it. One
     * that never expires is held too, for that re-check.
     */
    private void hold(Finding finding, Suppression suppression, Context ctx) throws Exception {
        long at = ctx.timerService().currentProcessingTime() + suppressions.recheck().toMillis();
        if (suppression.until() != null) {
            at = Math.min(at, suppression.until().toEpochMilli());
        }
        held.update(JSON.writeValueAsString(finding));
        // the state's name says "until" as it did when this was the expiry alone; a restore reads it either way
        expiry.update(at);
        ctx.timerService().registerProcessingTimeTimer(at);
    }

    /** Lets go of a held finding: a newer line of it has come. */
    private void release(Context ctx) throws Exception {
        Long at = expiry.value();
        if (at != null) {
            ctx.timerService().deleteProcessingTimeTimer(at);
        }
        held.clear();
        expiry.clear();
    }

    /**
     * The same finding with another status (and detection time): through its JSON, so every field the record has,
     * now or later, is carried over.
     */
    static Finding withStatus(Finding finding, FindingStatus status, Instant detectedAt) throws JsonProcessingException {
        ObjectNode node = JSON.valueToTree(finding);
        node.put("status", status.wire());
        if (detectedAt != null) {
            node.put("detected_at", detectedAt.toString());
        }
        return JSON.treeToValue(node, Finding.class);
    }
}
