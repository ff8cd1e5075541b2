package io.iocstream.cli;

/** Bad arguments or configuration: the command prints the message on one line and exits 2. */
class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
