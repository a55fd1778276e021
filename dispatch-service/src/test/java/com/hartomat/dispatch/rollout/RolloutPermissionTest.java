package com.hartomat.dispatch.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPermissionTest {

    /** The caller's roles as the service sees them (the hierarchy already expanded), force, and whether it may. */
    @ParameterizedTest
    @CsvSource({
            "'operator,author,viewer', false, true",
            "'operator,author,viewer', true, false",
            "'admin,operator,author,viewer', true, true",
            "'admin,operator,author,viewer', false, true",
            "'author,viewer', true, false",
    })
    void aForcedChangeNeedsAdminAnUnforcedOneDoesNot(String roles, boolean force, boolean allowed) {
        Set<String> held = Set.of(roles.split(","));
        assertEquals(allowed, RolloutPermission.refusal(force, held::contains).isEmpty());
    }

    @Test
    void theRefusalSaysWhichRoleIsMissing() {
        assertEquals("force: true overrides the rollout gate and needs the admin role",
                RolloutPermission.refusal(true, role -> false).orElseThrow());
    }
}
