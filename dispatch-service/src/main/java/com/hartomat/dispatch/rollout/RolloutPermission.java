package com.hartomat.dispatch.rollout;

import com.hartomat.contracts.auth.Roles;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may make a rollout change, beyond the endpoint's own rule (operator): a forced change ({@code force: true}, the
 * audited override that switches to graph without a passing shadow verdict) needs the admin role, whatever the mode.
 * A rule that depends on the body, so it is decided here and not by an annotation.
 */
public final class RolloutPermission {

    private RolloutPermission() {
    }

    /** Why the caller may not make this change, or empty when it may. */
    public static Optional<String> refusal(boolean force, Predicate<String> hasRole) {
        if (force && !hasRole.test(Roles.ADMIN)) {
            return Optional.of("force: true overrides the rollout gate and needs the admin role");
        }
        return Optional.empty();
    }
}
