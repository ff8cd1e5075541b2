package io.iocstream.source;

import org.apache.flink.api.connector.source.SourceSplit;

/** The one split of a polling source; its state is the position. */
public record PollingSplit<P>(String splitId, P position) implements SourceSplit {}
