package io.iocstream.github.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny world for tests: repository {@code acme/widget} at three commits.
 * C1 → C2 modifies {@code src/main/app.js}, adds {@code src/lib/added.js}, removes {@code docs/old.txt};
 * C2 → C3 renames {@code src/lib/added.js} to {@code src/lib/moved.js}. A secret lies outside {@code repos/}.
 */
public final class TestWorld {

    public static final String REPO = "acme/widget";
    public static final String C1 = "1111111111111111111111111111111111111111";
    public static final String C2 = "2222222222222222222222222222222222222222";
    public static final String C3 = "3333333333333333333333333333333333333333";
    public static final String SECRET = "TOP SECRET, never served";
    /** {@code git hash-object} of "hello\n". */
    public static final String HELLO_BLOB_SHA = "ce013625030ba8dba906f756967f9e9ca394464a";
    /** {@code git write-tree} of commit C1, computed with real git. */
    public static final String C1_ROOT_TREE_SHA = "8d78beac6b24b20d12465e213c62d5bac671d3d8";
    /** The {@code src} sub-tree of C1, from {@code git cat-file -p}. */
    public static final String C1_SRC_TREE_SHA = "78123ae092d6c256f3afb1243586fd94c8e113e3";

    private TestWorld() {}

    public static Path write(Path world) throws IOException {
        Path repo = world.resolve("repos/acme/widget");
        Path c1 = repo.resolve(C1);
        file(c1, "README.md", "hello\n");
        file(c1, "src/main/app.js", "console.log('v1');\n");
        file(c1, "docs/old.txt", "old\n");
        file(c1, "dir with space/a#b.txt", "odd\n");
        Files.createDirectories(c1.resolve("empty-dir"));
        Path c2 = repo.resolve(C2);
        file(c2, "README.md", "hello\n");
        file(c2, "src/main/app.js", "console.log('v2');\n");
        file(c2, "src/lib/added.js", "export const x = 1;\n");
        file(c2, "dir with space/a#b.txt", "odd\n");
        Path c3 = repo.resolve(C3);
        file(c3, "README.md", "hello\n");
        file(c3, "src/main/app.js", "console.log('v2');\n");
        file(c3, "src/lib/moved.js", "export const x = 1;\n");
        file(c3, "dir with space/a#b.txt", "odd\n");
        file(world, "secret.txt", SECRET);
        file(world, "repos/acme/secret.txt", SECRET);
        return world;
    }

    public static byte[] bytes(Path world, String commit, String path) throws IOException {
        return Files.readAllBytes(world.resolve("repos/acme/widget").resolve(commit).resolve(path));
    }

    private static void file(Path dir, String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
