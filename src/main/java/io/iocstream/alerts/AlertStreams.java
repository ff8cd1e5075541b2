package io.iocstream.alerts;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The alerting branch of a job: findings routed ({@code alert-routing}), planned per route ({@code alert-planner}:
 * retro-hunt groups, rate limits, resolves) and delivered ({@code alerts}), each under a fixed uid.
 */
public final class AlertStreams {

    private AlertStreams() {}

    /**
     * Adds alerting to {@code findings} and gives back its dead letters (findings it failed on), for the job's
     * dead-letter sinks; nothing is added when no route is configured.
     */
    public static Optional<DataStream<DeadLetter>> attach(DataStream<Finding> findings, AlertSettings settings) {
        if (settings.routes().isEmpty()) {
            return Optional.empty();
        }
        SingleOutputStreamOperator<RoutedFinding> routed = findings
                .process(new AlertRouting(settings), TypeInformation.of(RoutedFinding.class))
                .name("alert-routing").uid("alert-routing");
        SingleOutputStreamOperator<Alert> alerts = routed.keyBy(RoutedFinding::route, Types.STRING)
                .process(new AlertPlanner(settings), TypeInformation.of(Alert.class))
                .name("alert-planner").uid("alert-planner");
        alerts.sinkTo(new AlertSink(settings)).name("alerts").uid("alerts");
        return Optional.of(routed.getSideOutput(DeadLetter.TAG).union(alerts.getSideOutput(DeadLetter.TAG)));
    }
}
