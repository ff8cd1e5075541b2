package io.iocstream.world;

import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Picks plausible semver versions for clean dependencies, never one an IOC feed of the world names. */
final class VersionPicker {

    private final Random random;
    private final Map<String, Set<String>> compromised;

    VersionPicker(Random random, Map<String, Set<String>> compromised) {
        this.random = random;
        this.compromised = compromised;
    }

    String clean(String name) {
        Set<String> bad = compromised.getOrDefault(name, Set.of());
        while (true) {
            String version = random.nextInt(12) + "." + random.nextInt(30) + "." + random.nextInt(20);
            if (!bad.contains(version)) {
                return version;
            }
        }
    }

    /** A version next to a bad one (patch + 1), the near miss a sloppy matcher would flag. */
    String nearMiss(String name, String badVersion) {
        String[] parts = badVersion.split("\\.");
        if (parts.length == 3 && parts[2].matches("\\d+")) {
            String candidate = parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
            if (!compromised.getOrDefault(name, Set.of()).contains(candidate)) {
                return candidate;
            }
        }
        return clean(name);
    }
}
