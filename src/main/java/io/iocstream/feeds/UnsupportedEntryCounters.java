package io.iocstream.feeds;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The feed metric of entries left out because iocstream does not match their OSV ecosystem: counter
 * {@value #COUNTER} in a group {@code ecosystem} = the OSV name (a label {@code ecosystem="Debian"} in Prometheus),
 * counted each time a feed file is read.
 */
final class UnsupportedEntryCounters {

    static final String COUNTER = "iocEntriesUnsupported";

    private final MetricGroup group;
    private final Map<String, Counter> byEcosystem = new HashMap<>();

    UnsupportedEntryCounters(MetricGroup group) {
        this.group = group;
    }

    void add(Map<String, Integer> unsupported) {
        unsupported.forEach((ecosystem, count) -> byEcosystem
                .computeIfAbsent(ecosystem, name -> group.addGroup("ecosystem", name).counter(COUNTER))
                .inc(count));
    }
}
