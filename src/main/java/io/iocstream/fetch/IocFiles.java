package io.iocstream.fetch;

import java.io.Serializable;

/**
 * Which paths name files that carry IOCs whatever their size (dependency files, workflows), so that a listing
 * reads them past the size other files are scanned to. The parse stage knows the formats; the pipeline passes
 * its answer in, so fetching does not depend on parsing.
 */
@FunctionalInterface
public interface IocFiles extends Serializable {

    boolean carriesIocs(String path);
}
