package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttemptBudgetTest {

    @Test
    void theThirdErroredAttemptOfThreeExhaustsTheBudget() {
        AttemptBudget budget = new AttemptBudget(3);
        assertFalse(budget.exhausted(1));
        assertFalse(budget.exhausted(2));
        assertTrue(budget.exhausted(3));
        assertTrue(new AttemptBudget(1).exhausted(1), "max-attempts 1: the first error is final");
    }

    @Test
    void aBudgetBelowOneAttemptIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AttemptBudget(0));
        assertTrue(e.getMessage().contains("hartomat.worker.max-attempts"), e.getMessage());
    }

    @Test
    void theGiveUpMessageNamesTheAttemptsAndTheLastErrorClassAndMessage() {
        String message = new AttemptBudget(3).giveUpMessage(3, 4, new IllegalStateException("boom"));
        assertEquals("gave up after 3 attempts ended in a worker error (max-attempts 3); last error, in attempt 4: "
                + "java.lang.IllegalStateException: boom", message);
    }

    @Test
    void theLastErrorIsBoundedAndAnErrorWithoutMessageIsNamedByItsClass() {
        String longMessage = "x".repeat(10_000);
        String described = AttemptBudget.describe(new RuntimeException(longMessage));
        assertEquals(AttemptBudget.ERROR_CHARS, described.length());
        assertTrue(described.startsWith("java.lang.RuntimeException: xxx"));
        assertTrue(described.endsWith("…"));
        assertEquals("java.lang.NullPointerException", AttemptBudget.describe(new NullPointerException()));
    }
}
