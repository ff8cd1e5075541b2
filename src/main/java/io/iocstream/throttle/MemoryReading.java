package io.iocstream.throttle;

import java.util.Comparator;
import java.util.List;

/** What the memory budgets looked like at one moment; the tightest one decides the pressure. */
public record MemoryReading(List<MemorySource> sources) {

    public MemoryReading {
        sources = List.copyOf(sources);
    }

    /** The source closest to its limit. */
    public MemorySource tightest() {
        return sources.stream().max(Comparator.comparingDouble(MemorySource::ratio))
                .orElse(new MemorySource("none", 0, 0));
    }

    public double pressure() {
        return tightest().ratio();
    }
}
