package io.iocstream.fetch;

import io.iocstream.github.GitHubApiException;
import io.iocstream.github.GitHubClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file's raw body into an array when it is small, or into a spool file once it is past
 * {@code streamAbove} bytes, so that no array of a large file is ever made: a body of announced length goes
 * where its length says, one of unknown length is held in memory up to the threshold and spilled past it. A
 * body past {@code maxBytes} is refused (status 413, as {@link GitHubClient#readCapped} does), its spool removed.
 */
final class SpillingRead {

    private static final int COPY_BUFFER = 64 * 1024;

    /** The content read: {@code bytes}, or else {@code spool}. */
    record Content(byte[] bytes, Spool spool) {
        long length() {
            return bytes != null ? bytes.length : spool.length();
        }
    }

    /** Makes a new empty spool file when one is needed. */
    @FunctionalInterface
    interface SpoolFiles {
        Path newFile() throws IOException;
    }

    private SpillingRead() {}

    /**
     * @param streamAbove files longer than this are spooled; 0 or less: none is (every file read whole)
     */
    static Content read(InputStream in, long length, long maxBytes, long streamAbove, SpoolFiles spools)
            throws IOException {
        if (streamAbove <= 0 || length >= 0 && length <= streamAbove) {
            return new Content(GitHubClient.readCapped(in, length, maxBytes), null);
        }
        if (length > maxBytes) {
            throw new GitHubApiException(413, "file of " + length + " bytes is over the cap of " + maxBytes);
        }
        byte[] head = new byte[0];
        if (length < 0) {
            // unknown length: what fits under the threshold stays in memory
            head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, streamAbove + 1));
            if (head.length <= streamAbove) {
                return new Content(head, null);
            }
        }
        Path file = spools.newFile();
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            long written = head.length;
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new GitHubApiException(413, "file is over the cap of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (length >= 0 && written != length) {
                throw new IOException("body ended after " + written + " of " + length + " bytes");
            }
            done = true;
            return new Content(null, new Spool(file.toString(), written));
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }
}
