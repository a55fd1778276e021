package com.hartomat.deploy.local.smoke;

/** The exit codes of {@code ./hartomat smoke}. */
public final class ExitCode {

    /** The run completed (legacy, graph), the verdict is {@code pass} (shadow), or the approval was granted. */
    public static final int OK = 0;
    /** The smoke ran and did not pass: a render failed, a verdict other than pass, none in time, a refused call. */
    public static final int FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** No stack runs (start one with {@code ./hartomat up}). */
    public static final int NO_STACK = 3;

    private ExitCode() {
    }
}
