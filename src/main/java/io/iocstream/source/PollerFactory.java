package io.iocstream.source;

import java.io.IOException;
import java.io.Serializable;

/** Makes the {@link Poller} on the task manager, where its clients and secrets belong. */
@FunctionalInterface
public interface PollerFactory<T, P> extends Serializable {

    Poller<T, P> create() throws IOException;
}
