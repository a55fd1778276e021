package com.hartomat.deploy.local.smoke;

import java.time.Duration;

/** A parsed {@code ./hartomat smoke} command line. */
public sealed interface SmokeCommand {

    RenderSize size();

    /** How long a shadow smoke waits for the comparison verdict of its observer run. */
    Duration verdictWait();

    /** {@code smoke still|turntable|blend --mode legacy|graph|shadow}. */
    record Single(SmokeKind kind, SmokeMode mode, RenderSize size, Duration verdictWait) implements SmokeCommand {
    }

    /** {@code smoke approve}: the canonical still in legacy, shadow and (when shadow passed) graph. */
    record Approve(RenderSize size, Duration verdictWait) implements SmokeCommand {
    }
}
