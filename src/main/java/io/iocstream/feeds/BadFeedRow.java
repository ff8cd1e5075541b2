package io.iocstream.feeds;

/** A feed row that cannot become an entry; its message is the dead letter's one-line reason. */
final class BadFeedRow extends Exception {

    BadFeedRow(String reason) {
        super(reason, null, false, false);
    }
}
