package io.iocstream.throttle;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;

/**
 * Reads the three memory budgets a task manager lives in: the JVM heap, the container's cgroup limit, and the
 * host (through OSHI). For the heap it counts what survives young collections — old generation and survivors,
 * or the post-collection usage when that is higher — because eden is mostly garbage the next young GC frees;
 * and it adds the file bytes the fetch stage has promised but not read yet ({@link TaskManagerMemory#promisedBytes()}).
 */
public final class MemoryMonitor implements MemoryProbe {

    private final CgroupMemory cgroup;
    private final GlobalMemory host;

    public MemoryMonitor() {
        this(CgroupMemory.system(), new SystemInfo().getHardware().getMemory());
    }

    MemoryMonitor(CgroupMemory cgroup, GlobalMemory host) {
        this.cgroup = cgroup;
        this.host = host;
    }

    @Override
    public MemoryReading read() {
        List<MemorySource> sources = new ArrayList<>();
        sources.add(heap());
        cgroup.read().ifPresent(sources::add);
        long total = host.getTotal();
        sources.add(new MemorySource("host", total - host.getAvailable(), total));
        return new MemoryReading(sources);
    }

    static MemorySource heap() {
        long used = 0;
        long eden = 0;
        long afterCollection = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage usage = pool.getUsage();
            used += usage.getUsed();
            if (pool.getName().contains("Eden")) {
                eden += usage.getUsed();
            }
            MemoryUsage collected = pool.getCollectionUsage();
            if (collected != null) {
                afterCollection += collected.getUsed();
            }
        }
        return new MemorySource("heap", Math.max(used - eden, afterCollection) + TaskManagerMemory.promisedBytes(),
                Runtime.getRuntime().maxMemory());
    }
}
