package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.smoke.ExitDecision.Decision;
import org.junit.jupiter.api.Test;

class ApprovalRuleTest {

    private static final Decision OK = new Decision(ExitCode.OK, "ok");
    private static final Decision WARN = new Decision(ExitCode.FAILED, "verdict warn: legacy remains authoritative");
    private static final Decision BROKEN = new Decision(ExitCode.FAILED, "the legacy render failed");

    @Test
    void graphIsApprovedOnlyAfterAPassingShadowAndACompletedGraphSmoke() {
        ApprovalRule.Approval a = ApprovalRule.decide(OK, OK, OK);
        assertTrue(a.approved());
        assertEquals(ExitCode.OK, a.exitCode());
        assertTrue(a.reason().startsWith("APPROVED: shadow finished with a completed order line and verdict pass"),
                a.reason());
    }

    @Test
    void aShadowThatDidNotPassKeepsLegacyAuthoritativeAndGraphIsNotRun() {
        assertTrue(ApprovalRule.runShadow(OK));
        assertFalse(ApprovalRule.runGraph(OK, WARN));
        ApprovalRule.Approval a = ApprovalRule.decide(OK, WARN, null);
        assertFalse(a.approved());
        assertEquals(ExitCode.FAILED, a.exitCode());
        assertEquals("NOT APPROVED: shadow did not pass cleanly (verdict warn: legacy remains authoritative); graph "
                + "stays disabled", a.reason());
    }

    @Test
    void aBrokenLegacyBaselineStopsBeforeShadow() {
        assertFalse(ApprovalRule.runShadow(BROKEN));
        assertFalse(ApprovalRule.runGraph(BROKEN, OK));
        assertEquals("NOT APPROVED: the legacy baseline failed (the legacy render failed); shadow and graph were not run",
                ApprovalRule.decide(BROKEN, null, null).reason());
    }

    @Test
    void aGraphSmokeThatFailsAfterAPassingShadowIsNotApproved() {
        assertTrue(ApprovalRule.runGraph(OK, OK));
        ApprovalRule.Approval a = ApprovalRule.decide(OK, OK, new Decision(ExitCode.FAILED, "the graph run failed"));
        assertFalse(a.approved());
        assertEquals("NOT APPROVED: shadow passed, but the graph smoke did not (the graph run failed)", a.reason());
    }
}
