package io.iocstream.parse;

/** One resolved dependency as a dependency file states it: OSV ecosystem name, package name, version. */
public record Dependency(String ecosystem, String name, String version) {}
