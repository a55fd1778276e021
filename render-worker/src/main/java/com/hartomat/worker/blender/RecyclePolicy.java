package com.hartomat.worker.blender;

import java.util.Optional;

/**
 * When a warm Blender process is retired after a job instead of taking the next one: after a job that killed or
 * lost it (crash, time limit, memory ceiling, cancellation), after {@code maxJobsPerProcess} jobs, or when its
 * resident memory stays above {@code memoryCeilingBytes} (0: no ceiling) once the job is done.
 */
public record RecyclePolicy(int maxJobsPerProcess, long memoryCeilingBytes) {

    public RecyclePolicy {
        if (maxJobsPerProcess < 1) {
            throw new IllegalArgumentException("max jobs per process must be at least 1, got " + maxJobsPerProcess);
        }
        if (memoryCeilingBytes < 0) {
            throw new IllegalArgumentException("memory ceiling must not be negative, got " + memoryCeilingBytes);
        }
    }

    /** Why the process must go after this job, or empty when it takes the next one. */
    public Optional<String> retireReason(int jobsDone, BlenderRun run, long rssBytes) {
        if (run.crashed()) {
            return Optional.of("it ended in the middle of the job (exit " + run.exitCode() + ")");
        }
        if (run.timedOut()) {
            return Optional.of("it was killed at the job's time limit");
        }
        if (run.overMemory()) {
            return Optional.of("it was killed above the memory ceiling (RSS " + mib(run.overMemoryRssBytes()) + ")");
        }
        if (run.cancelled()) {
            return Optional.of("it was killed to stop the job");
        }
        if (jobsDone >= maxJobsPerProcess) {
            return Optional.of("recycled after " + jobsDone + " jobs");
        }
        if (memoryCeilingBytes > 0 && rssBytes > memoryCeilingBytes) {
            return Optional.of("its RSS " + mib(rssBytes) + " is above the memory ceiling of " + mib(memoryCeilingBytes));
        }
        return Optional.empty();
    }

    /** Whether a running job's process must be killed now. */
    public boolean overCeiling(long rssBytes) {
        return memoryCeilingBytes > 0 && rssBytes > memoryCeilingBytes;
    }

    static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }
}
