package io.iocstream.parse;

import java.io.InputStream;
import java.util.List;

/**
 * A dependency-file format that can be read as a stream, so that a file larger than the heap (spooled to disk by
 * the fetch stage) is parsed without being held whole. Reading a stream gives the same dependencies as
 * {@link #parse(byte[], SkippedEntries)} on the same bytes.
 */
public interface StreamingDependencyParser extends DependencyParser {

    /**
     * The dependencies the stream states, as {@link #parse(byte[], SkippedEntries)} gives them.
     *
     * @param length the stream's length in bytes, to size what the parser keeps; a guess is fine
     */
    List<Dependency> parse(InputStream content, long length, SkippedEntries skipped) throws DependencyFileException;
}
