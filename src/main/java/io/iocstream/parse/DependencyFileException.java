package io.iocstream.parse;

/** A dependency file that cannot be read; the message says why, in one line. */
public class DependencyFileException extends Exception {
    public DependencyFileException(String message) {
        super(message);
    }

    public DependencyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
