/**
 * A GitHub REST simulator over a world directory ({@link io.iocstream.github.sim.GitHubSimulator}), so demos,
 * replays, tests and benchmarks run the real client over real HTTP without a token or a network.
 */
package io.iocstream.github.sim;
