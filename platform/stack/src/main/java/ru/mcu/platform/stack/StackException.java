package ru.mcu.platform.stack;

/** A failure to obtain or start part of the platform, worded for the person at the terminal. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
