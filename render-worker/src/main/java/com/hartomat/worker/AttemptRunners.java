package com.hartomat.worker;

import com.hartomat.worker.jobs.AttemptRunner;
import com.hartomat.worker.jobs.JobExecutor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What runs the attempts: the executor itself. A CDI bean only so that a test can stand a CDI alternative in
 * front of the executor (e.g. one that throws for a chosen job).
 */
@ApplicationScoped
public class AttemptRunners {

    public AttemptRunner around(JobExecutor executor) {
        return executor;
    }
}
