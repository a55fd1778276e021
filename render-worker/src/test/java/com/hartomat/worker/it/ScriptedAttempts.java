package com.hartomat.worker.it;

import com.hartomat.worker.AttemptRunners;
import com.hartomat.worker.jobs.AttemptRunner;
import com.hartomat.worker.jobs.JobExecutor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only {@link AttemptRunners}: the real executor, except for jobs a test armed to throw an unexpected
 * exception (not a JobFailure) out of every attempt, as a bug or a broken dependency would.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedAttempts extends AttemptRunners {

    private static final Map<String, AtomicInteger> ERRORING = new ConcurrentHashMap<>();

    /** Every attempt of the job throws; the returned counter counts the attempts that ran. */
    public static AtomicInteger errorInEveryAttempt(String jobId) {
        return ERRORING.computeIfAbsent(jobId, id -> new AtomicInteger());
    }

    @Override
    public AttemptRunner around(JobExecutor executor) {
        return (job, attempt) -> {
            AtomicInteger runs = ERRORING.get(job.jobId());
            if (runs != null) {
                runs.incrementAndGet();
                throw new IllegalStateException("scripted worker error in attempt " + attempt.number());
            }
            return executor.execute(job, attempt);
        };
    }
}
