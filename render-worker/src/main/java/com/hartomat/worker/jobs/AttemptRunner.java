package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.RenderJob;

/** Runs one attempt of one job; {@link JobExecutor} is the real one. */
@FunctionalInterface
public interface AttemptRunner {

    JobResult execute(RenderJob job, JobExecutor.Attempt attempt) throws InterruptedException;
}
