package io.iocstream.alerts;

import io.iocstream.match.Finding;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The alerting branch of a job: findings routed ({@code alert-routing}), planned per route ({@code alert-planner}:
 * retro-hunt groups, rate limits, resolves) and delivered ({@code alerts}), each under a fixed uid.
 */
public final class AlertStreams {

    private AlertStreams() {}

    /** Adds alerting to {@code findings}; nothing when no route is configured. */
    public static void attach(DataStream<Finding> findings, AlertSettings settings) {
        if (settings.routes().isEmpty()) {
            return;
        }
        findings.flatMap(new AlertRouting(settings), TypeInformation.of(RoutedFinding.class))
                .name("alert-routing").uid("alert-routing")
                .keyBy(RoutedFinding::route, Types.STRING)
                .process(new AlertPlanner(settings), TypeInformation.of(Alert.class))
                .name("alert-planner").uid("alert-planner")
                .sinkTo(new AlertSink(settings)).name("alerts").uid("alerts");
    }
}
