package com.hartomat.deploy.local.smoke;

/** The smoke cannot go on (the stack refused a call, or did not answer): its message is the one-line reason. */
public final class SmokeFailure extends RuntimeException {

    public SmokeFailure(String message) {
        super(message);
    }

    public SmokeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
