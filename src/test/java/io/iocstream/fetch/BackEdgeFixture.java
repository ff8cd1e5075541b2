package io.iocstream.fetch;

import io.iocstream.match.IocIndex;

/** A deliberate back-edge (fetch using match), only for PackageDependencyTest to show its rules catch one. */
public final class BackEdgeFixture {

    public int indexed() {
        return new IocIndex().size();
    }
}
