package io.iocstream.ingest;

import io.iocstream.source.PollingSource;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The whole organisation from the first minute: an unbounded source of baseline requests, one per repository of
 * the configured organisations (or App installation), for {@code IocStreamPipeline.build} to ingest beside the
 * pushes. It lists the repositories on start and again every {@code relistInterval}, keeps to a pace and to a share
 * of the rate limit, logs a line per page and counts {@code repositoriesListed} and {@code baselinesRequested}, and
 * keeps its place in the listing in checkpointed split state. The pipeline baselines only refs it never scanned,
 * so listing again costs no scan of a repository already known.
 */
public final class OrgRepositoriesSource {

    private OrgRepositoriesSource() {}

    public static PollingSource<String, OrgRepositoriesPosition> create(OrgRepositoriesSettings settings) {
        return new PollingSource<>("org-repositories", Types.STRING, new OrgRepositoriesPoller.Factory(settings),
                OrgRepositoriesPosition::new, OrgRepositoriesPosition.CODEC);
    }
}
