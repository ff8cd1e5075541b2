package io.iocstream.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's content spooled to the task manager's local disk because it is too large to hold in the heap: the
 * fetch stage writes it, the parse stage chained to it reads it as a stream, and the fetch stage deletes it once
 * the parser is done. A spool is never state: after a failure the restarted task fetches the file again from
 * its checkpointed input, and a spool left behind is removed with its directory ({@link SpoolDirectory}).
 *
 * @param path   the spool file, on the task manager that fetched it
 * @param length its length in bytes
 */
public record Spool(String path, long length) implements Serializable {

    /** The content from its first byte, buffered. */
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(Path.of(path)), 64 * 1024);
    }

    /** Removes the spool file; a file already gone is fine. */
    public void delete() {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            // its directory goes when the fetch service closes, or at the next start
        }
    }
}
