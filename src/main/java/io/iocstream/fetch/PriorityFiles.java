package io.iocstream.fetch;

import java.io.Serializable;

/**
 * The files that carry IOCs (dependency files and workflows: the batch tools' priority files). A scan lists them
 * first, so that when the rate budget runs short they are the files already read, and reads them whatever their
 * size. The pipeline supplies it from the parsers, so that the fetch stage depends on no parser.
 */
@FunctionalInterface
public interface PriorityFiles extends Serializable {

    boolean contains(String path);
}
