package io.iocstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A world directory (CONTRACT section 3): a replayable slice of GitHub.
 */
record World(Path root) {

    static World open(Path root) throws UsageException {
        World world = new World(root.toAbsolutePath().normalize());
        if (!Files.isDirectory(world.root())) {
            throw new UsageException("world directory not found: " + root);
        }
        if (!Files.isRegularFile(world.events())) {
            throw new UsageException("world has no events.ndjson: " + world.events());
        }
        if (!Files.isDirectory(world.root().resolve("repos"))) {
            throw new UsageException("world has no repos/ directory: " + world.root());
        }
        return world;
    }

    Path events() {
        return root.resolve("events.ndjson");
    }

    Path iocs() {
        return root.resolve("iocs");
    }

    Path iocsLater() {
        return root.resolve("iocs-later");
    }

    Path expected() {
        return root.resolve("expected.jsonl");
    }
}
