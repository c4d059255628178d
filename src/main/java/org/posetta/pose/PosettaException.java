package org.posetta.pose;

/**
 * An error the user can cause and fix: a bad or truncated file, a wrong shape, an unknown
 * layout, an unreadable video, no person, an unwritable output. The message is one sentence that
 * names the file (where there is one) and says what to do; the command line prints it without a
 * stack trace.
 */
public class PosettaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PosettaException(String message) {
        super(message);
    }

    public PosettaException(String message, Throwable cause) {
        super(message, cause);
    }
}
