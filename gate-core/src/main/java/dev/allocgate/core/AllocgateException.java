package dev.allocgate.core;

/** Base of the typed failures the core reports; each subtype carries the offending input. */
public abstract class AllocgateException extends Exception {
    protected AllocgateException(String message) {
        super(message);
    }

    protected AllocgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
