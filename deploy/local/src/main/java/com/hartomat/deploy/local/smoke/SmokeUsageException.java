package com.hartomat.deploy.local.smoke;

/** The command line is wrong: the smoke prints the message and its usage and exits with {@link ExitCode#USAGE}. */
public final class SmokeUsageException extends RuntimeException {

    public SmokeUsageException(String message) {
        super(message);
    }
}
