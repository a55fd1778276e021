package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.Progress;

/** Receives a running job's progress (frame i of n, percent). */
@FunctionalInterface
public interface ProgressSink {
    void progress(Progress progress);
}
