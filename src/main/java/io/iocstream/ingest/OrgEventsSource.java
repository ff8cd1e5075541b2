package io.iocstream.ingest;

import io.iocstream.source.PollingSource;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * The org Events API poller, for organisations that cannot install a webhook: an unbounded source of raw event
 * JSON (push events only, oldest first), the form {@code IocStreamPipeline.build} ingests. It honours ETags and
 * {@code X-Poll-Interval}, de-duplicates event ids, and keeps its position in checkpointed split state.
 */
public final class OrgEventsSource {

    private OrgEventsSource() {}

    public static PollingSource<String, OrgEventsPosition> create(OrgEventsSettings settings) {
        return new PollingSource<>("org-events-" + settings.org(), Types.STRING, new OrgEventsPoller.Factory(settings),
                new FreshPosition(settings.rememberedIds()), OrgEventsPosition.CODEC);
    }

    /** Where a job without state starts: nothing seen, no ETag. */
    record FreshPosition(int rememberedIds) implements SerializableSupplier<OrgEventsPosition> {
        @Override
        public OrgEventsPosition get() {
            return new OrgEventsPosition(rememberedIds);
        }
    }
}
