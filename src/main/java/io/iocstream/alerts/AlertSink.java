package io.iocstream.alerts;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The alert deliveries as a Flink sink: one {@link AlertWriter} a subtask, which reads the receivers' secrets on the
 * task manager and flushes its deliveries before every checkpoint (at least once, under the same keys).
 */
public final class AlertSink implements Sink<Alert> {

    private final AlertSettings settings;

    public AlertSink(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new AlertWriter(settings, context.metricGroup(), System::getenv);
    }
}
