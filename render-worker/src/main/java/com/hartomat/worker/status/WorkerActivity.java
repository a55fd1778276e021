package com.hartomat.worker.status;

import com.hartomat.contracts.messages.Progress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs this worker is rendering right now and their latest progress. */
public final class WorkerActivity {

    /** One running job as the status endpoint shows it. */
    public record RunningJob(String jobId, String jobType, int attempt, Instant startedAt, Progress progress) {
    }

    private final ConcurrentHashMap<String, RunningJob> running = new ConcurrentHashMap<>();

    public void started(String jobId, String jobType, int attempt) {
        running.put(jobId, new RunningJob(jobId, jobType, attempt, Instant.now(), null));
    }

    public void progress(String jobId, Progress progress) {
        running.computeIfPresent(jobId, (id, job) -> new RunningJob(id, job.jobType(), job.attempt(), job.startedAt(), progress));
    }

    public void finished(String jobId) {
        running.remove(jobId);
    }

    public List<RunningJob> running() {
        return running.values().stream().sorted(Comparator.comparing(RunningJob::startedAt)).toList();
    }
}
