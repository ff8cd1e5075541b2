/**
 * A small base for unbounded sources that poll something outside Flink (GitHub's org events, a feed directory):
 * one split whose state is the poll position, emitted in chunks that move the position only once fully out, so
 * a checkpoint holds exactly what was emitted.
 */
package io.iocstream.source;
