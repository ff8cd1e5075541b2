package io.iocstream.parse;

/**
 * One resolved dependency as a dependency file states it: OSV ecosystem name, package name, and the version as the
 * file writes it ({@code v5.0.2} stays so; the matcher looks up its own spelling, {@code match.VersionSpelling}).
 */
public record Dependency(String ecosystem, String name, String version) {}
