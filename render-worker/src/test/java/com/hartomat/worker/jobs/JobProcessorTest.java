package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JobProcessorTest {

    @Test
    void aReplayedWorkerErrorOutcomeIsToBeDeadLetteredAgainOtherOutcomesAreNot() {
        assertEquals("worker_error: gave up after 3 attempts",
                JobProcessor.gaveUpReason("{\"event_type\":\"failed\",\"failure\":{\"code\":\"worker_error\","
                        + "\"message\":\"gave up after 3 attempts\",\"retryable\":false}}"));
        assertNull(JobProcessor.gaveUpReason("{\"event_type\":\"failed\",\"failure\":{\"code\":\"render_failed\","
                + "\"message\":\"Blender crashed\",\"retryable\":true}}"));
        assertNull(JobProcessor.gaveUpReason("{\"event_type\":\"completed\",\"failure\":null}"));
        assertNull(JobProcessor.gaveUpReason("not json"));
    }
}
