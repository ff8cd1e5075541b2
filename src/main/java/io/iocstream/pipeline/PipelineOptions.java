package io.iocstream.pipeline;

import io.iocstream.changes.BranchLifetimes;
import io.iocstream.github.WebLinks;
import io.iocstream.match.DocumentationPolicy;
import io.iocstream.match.Suppressions;

/**
 * The pipeline's optional settings, one record so that the job, {@code replay}, {@code demo} and the tests pass
 * them in one way: start from {@link #defaults()} and change what differs.
 *
 * @param webLinks      the web site a finding's {@code html_url} points at; null: that of the fetch API
 *                      ({@link WebLinks#forApi}), which for the simulator is github.com
 * @param lifetimes     when a ref's state goes away
 * @param documentation how a domain or IP address named in documentation counts
 * @param suppressions  findings these cover are emitted as {@code suppressed}
 */
public record PipelineOptions(WebLinks webLinks, BranchLifetimes lifetimes, DocumentationPolicy documentation,
        Suppressions suppressions) {

    public PipelineOptions {
        if (lifetimes == null || documentation == null || suppressions == null) {
            throw new IllegalArgumentException("pipeline options need lifetimes, a documentation policy and "
                    + "suppressions (Suppressions.none() for none)");
        }
    }

    /** The API's web site, {@link BranchLifetimes#defaults()}, documentation counting low, no suppressions. */
    public static PipelineOptions defaults() {
        return new PipelineOptions(null, BranchLifetimes.defaults(), DocumentationPolicy.LOW, Suppressions.none());
    }

    public PipelineOptions withWebLinks(WebLinks links) {
        return new PipelineOptions(links, lifetimes, documentation, suppressions);
    }

    public PipelineOptions withLifetimes(BranchLifetimes newLifetimes) {
        return new PipelineOptions(webLinks, newLifetimes, documentation, suppressions);
    }

    public PipelineOptions withDocumentation(DocumentationPolicy policy) {
        return new PipelineOptions(webLinks, lifetimes, policy, suppressions);
    }

    public PipelineOptions withSuppressions(Suppressions newSuppressions) {
        return new PipelineOptions(webLinks, lifetimes, documentation, newSuppressions);
    }
}
