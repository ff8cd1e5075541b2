package io.iocstream.throttle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The memory limit and working set of this process's container, from cgroup v2 ({@code memory.max},
 * {@code memory.current}) or cgroup v1 ({@code memory.limit_in_bytes}, {@code memory.usage_in_bytes}).
 * The working set leaves out inactive page cache, as the kubelet does, because the kernel reclaims it before
 * it would kill anyone.
 */
public final class CgroupMemory {

    /** v1 writes "no limit" as a huge number near {@code Long.MAX_VALUE}, rounded to pages. */
    private static final long V1_UNLIMITED = Long.MAX_VALUE / 2;

    private final Path cgroupRoot;
    private final Path procSelfCgroup;

    /** Reads the real files: {@code /sys/fs/cgroup} and {@code /proc/self/cgroup}. */
    public static CgroupMemory system() {
        return new CgroupMemory(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
    }

    /** Reads a cgroup tree rooted elsewhere, for tests on fixture directories. */
    public CgroupMemory(Path cgroupRoot, Path procSelfCgroup) {
        this.cgroupRoot = cgroupRoot;
        this.procSelfCgroup = procSelfCgroup;
    }

    /** Working set and limit, or empty when there is no cgroup memory limit (or no cgroup at all). */
    public Optional<MemorySource> read() {
        try {
            List<String> membership = Files.isRegularFile(procSelfCgroup)
                    ? Files.readAllLines(procSelfCgroup) : List.of();
            Optional<MemorySource> v2 = readV2(membership);
            return v2.isPresent() ? v2 : readV1(membership);
        } catch (IOException | RuntimeException e) {
            // an unreadable cgroup tree means no container limit we can honour; heap and host still count
            return Optional.empty();
        }
    }

    private Optional<MemorySource> readV2(List<String> membership) throws IOException {
        String path = membership.stream().filter(line -> line.startsWith("0::"))
                .map(line -> line.substring(3)).findFirst().orElse(null);
        if (path == null) {
            return Optional.empty();
        }
        // inside a container the cgroup namespace makes "/" the container's own group
        for (Path dir = resolve(path); dir != null && dir.startsWith(cgroupRoot); dir = dir.getParent()) {
            Path max = dir.resolve("memory.max");
            if (Files.isRegularFile(max)) {
                String limit = Files.readString(max).strip();
                if (!limit.equals("max")) {
                    long current = Long.parseLong(Files.readString(dir.resolve("memory.current")).strip());
                    long inactive = stat(dir.resolve("memory.stat"), "inactive_file");
                    return Optional.of(new MemorySource("container", Math.max(0, current - inactive),
                            Long.parseLong(limit)));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<MemorySource> readV1(List<String> membership) throws IOException {
        String path = membership.stream()
                .filter(line -> line.split(":", 3).length == 3 && List.of(line.split(":", 3)[1].split(","))
                        .contains("memory"))
                .map(line -> line.split(":", 3)[2]).findFirst().orElse("/");
        Path memoryRoot = cgroupRoot.resolve("memory");
        for (Path dir = resolveIn(memoryRoot, path); dir != null && dir.startsWith(memoryRoot);
                dir = dir.getParent()) {
            Path limitFile = dir.resolve("memory.limit_in_bytes");
            if (Files.isRegularFile(limitFile)) {
                long limit = Long.parseLong(Files.readString(limitFile).strip());
                if (limit < V1_UNLIMITED) {
                    long usage = Long.parseLong(Files.readString(dir.resolve("memory.usage_in_bytes")).strip());
                    long inactive = stat(dir.resolve("memory.stat"), "total_inactive_file");
                    return Optional.of(new MemorySource("container", Math.max(0, usage - inactive), limit));
                }
            }
        }
        return Optional.empty();
    }

    private Path resolve(String cgroupPath) {
        return resolveIn(cgroupRoot, cgroupPath);
    }

    private static Path resolveIn(Path root, String cgroupPath) {
        Path dir = root.resolve(cgroupPath.replaceFirst("^/+", "")).normalize();
        // a group we cannot see (another mount namespace) falls back to the root of the mount
        return Files.isDirectory(dir) ? dir : root;
    }

    private static long stat(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }
}
