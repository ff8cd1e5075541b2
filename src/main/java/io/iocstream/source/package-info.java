/**
 * A small base for unbounded sources that poll something outside Flink (GitHub's org events, a feed directory):
 * one split whose state is the poll position, emitted a whole chunk per {@code pollNext} call that moves the
 * position past it, so a checkpoint holds exactly what was emitted.
 */
package io.iocstream.source;
