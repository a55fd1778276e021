package com.hartomat.worker.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that send jobs to the running worker and read its events: one {@link KafkaJobs} per class. */
abstract class KafkaJobsTest {

    static KafkaJobs kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaJobs();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }
}
