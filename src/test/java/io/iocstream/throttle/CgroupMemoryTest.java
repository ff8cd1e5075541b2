package io.iocstream.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container limits from cgroup fixture trees laid out as the kernel does. The file contents follow the kernel's
 * cgroup v1 and v2 documentation (memory.max "max" or bytes; v1's unlimited as 9223372036854771712).
 */
class CgroupMemoryTest {

    @TempDir
    Path root;

    @Test
    void v2LimitAndWorkingSetWithoutInactivePageCache() throws Exception {
        Path group = Files.createDirectories(root.resolve("sys/fs/cgroup/kubepods/pod1/ctr"));
        Files.writeString(group.resolve("memory.max"), "536870912\n");
        Files.writeString(group.resolve("memory.current"), "400000000\n");
        Files.writeString(group.resolve("memory.stat"), "anon 300000000\nfile 100000000\ninactive_file 50000000\n");
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/kubepods/pod1/ctr\n");

        MemorySource container = new CgroupMemory(root.resolve("sys/fs/cgroup"), proc).read().orElseThrow();

        assertThat(container.limit()).isEqualTo(536_870_912L);
        assertThat(container.used()).isEqualTo(350_000_000L);
    }

    @Test
    void v2GroupWithoutALimitInheritsItsParentsLimit() throws Exception {
        Path parent = Files.createDirectories(root.resolve("cg/app"));
        Path child = Files.createDirectories(parent.resolve("worker"));
        Files.writeString(parent.resolve("memory.max"), "1073741824\n");
        Files.writeString(parent.resolve("memory.current"), "104857600\n");
        Files.writeString(child.resolve("memory.max"), "max\n");
        Files.writeString(child.resolve("memory.current"), "1048576\n");
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/app/worker\n");

        MemorySource container = new CgroupMemory(root.resolve("cg"), proc).read().orElseThrow();

        assertThat(container.limit()).isEqualTo(1_073_741_824L);
        assertThat(container.used()).isEqualTo(104_857_600L);
    }

    @Test
    void v2WithoutAnyLimitIsNoContainerBudget() throws Exception {
        Path group = Files.createDirectories(root.resolve("cg"));
        Files.writeString(group.resolve("memory.max"), "max\n");
        Files.writeString(group.resolve("memory.current"), "1\n");
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/\n");

        assertThat(new CgroupMemory(root.resolve("cg"), proc).read()).isEmpty();
    }

    @Test
    void v1LimitFromTheMemoryController() throws Exception {
        Path group = Files.createDirectories(root.resolve("cg/memory/docker/abc"));
        Files.writeString(group.resolve("memory.limit_in_bytes"), "268435456\n");
        Files.writeString(group.resolve("memory.usage_in_bytes"), "200000000\n");
        Files.writeString(group.resolve("memory.stat"), "cache 60000000\ntotal_inactive_file 40000000\n");
        Path proc = Files.writeString(root.resolve("cgroup"),
                "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n");

        MemorySource container = new CgroupMemory(root.resolve("cg"), proc).read().orElseThrow();

        assertThat(container.limit()).isEqualTo(268_435_456L);
        assertThat(container.used()).isEqualTo(160_000_000L);
    }

    @Test
    void v1UnlimitedIsNoContainerBudget() throws Exception {
        Path group = Files.createDirectories(root.resolve("cg/memory"));
        Files.writeString(group.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(group.resolve("memory.usage_in_bytes"), "157851648\n");
        Path proc = Files.writeString(root.resolve("cgroup"), "4:memory:/\n");

        assertThat(new CgroupMemory(root.resolve("cg"), proc).read()).isEmpty();
    }

    @Test
    void aMissingOrGarbledTreeIsNoBudgetRatherThanACrash() throws Exception {
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/x\n");
        Files.createDirectories(root.resolve("cg/x"));
        Files.writeString(root.resolve("cg/x/memory.max"), "lots\n");
        assertThat(new CgroupMemory(root.resolve("cg"), proc).read()).isEmpty();
        assertThat(new CgroupMemory(root.resolve("nothing"), root.resolve("nope")).read()).isEmpty();
    }

    @Test
    void theTightestBudgetDecides() {
        MemoryReading reading = new MemoryReading(java.util.List.of(
                new MemorySource("heap", 50, 100), new MemorySource("container", 90, 100),
                new MemorySource("host", 10, 100)));
        assertThat(reading.tightest().name()).isEqualTo("container");
        assertThat(reading.pressure()).isEqualTo(0.9);
    }

    @Test
    void fileBytesPromisedButNotReadCountAsHeapInUse() {
        long huge = 1L << 40;
        TaskManagerMemory.promise(huge);
        try {
            assertThat(MemoryMonitor.heap().used()).isGreaterThanOrEqualTo(huge);
            assertThat(new MemoryMonitor().read().tightest().name()).isEqualTo("heap");
        } finally {
            TaskManagerMemory.settle(huge);
        }
        assertThat(MemoryMonitor.heap().used()).isLessThan(huge);
    }

    @Test
    void theRealMachineGivesPlausibleReadings() {
        MemoryReading reading = new MemoryMonitor().read();
        assertThat(reading.sources()).extracting(MemorySource::name).contains("heap", "host");
        assertThat(reading.sources()).allSatisfy(source -> {
            assertThat(source.used()).isNotNegative();
            assertThat(source.limit()).isPositive();
        });
    }
}
