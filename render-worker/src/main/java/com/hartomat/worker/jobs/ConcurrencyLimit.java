package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.JobType;
import java.util.Map;

/**
 * How many jobs this worker runs at once: the configured concurrency, capped by the memory budget divided by the
 * largest per-job memory estimate. The consumer takes a record before it knows the job's type (a record waiting in
 * this worker for memory would be work another replica could do), so every slot must fit the heaviest type.
 *
 * @param configured {@code hartomat.worker.concurrency}
 * @param effective the slots actually used (at least 1: a worker that cannot run one job would only stall its partitions)
 * @param budgetMb the memory budget in MiB
 * @param heaviestJobType the job type with the largest estimate
 * @param heaviestEstimateMb that estimate in MiB
 */
public record ConcurrencyLimit(int configured, int effective, long budgetMb, String heaviestJobType, long heaviestEstimateMb) {

    static final long MIB = 1024L * 1024L;
    /** Kept back from the machine's memory for the JVM's non-heap memory, the OS and page cache. */
    static final long RESERVE_MB = 256;

    /**
     * @throws IllegalArgumentException for an estimate of an unknown job type or one that is not positive (a typo in
     *         the configuration should stop the worker, not silently change its concurrency)
     */
    public static ConcurrencyLimit of(int configured, long budgetMb, Map<String, Long> estimatesMb, long defaultEstimateMb) {
        if (defaultEstimateMb <= 0) {
            throw new IllegalArgumentException("hartomat.worker.default-memory-estimate-mb must be positive, got " + defaultEstimateMb);
        }
        estimatesMb.forEach((type, mb) -> {
            JobType.fromWire(type);
            if (mb == null || mb <= 0) {
                throw new IllegalArgumentException("hartomat.worker.memory-estimates-mb." + type + " must be positive, got " + mb);
            }
        });
        String heaviest = null;
        long heaviestMb = 0;
        for (JobType type : JobType.values()) {
            long mb = estimatesMb.getOrDefault(type.wire(), defaultEstimateMb);
            if (mb > heaviestMb) {
                heaviest = type.wire();
                heaviestMb = mb;
            }
        }
        long byMemory = Math.max(0, budgetMb) / heaviestMb;
        int effective = (int) Math.max(1, Math.min(Math.max(1, configured), byMemory));
        return new ConcurrencyLimit(configured, effective, budgetMb, heaviest, heaviestMb);
    }

    /** The budget when none is configured: total memory minus the JVM's maximum heap minus a reserve, in MiB. */
    public static long defaultBudgetMb(long totalMemoryBytes, long maxHeapBytes) {
        return Math.max(0, (totalMemoryBytes - maxHeapBytes) / MIB - RESERVE_MB);
    }

    public String describe() {
        return "concurrency " + effective + " (configured " + configured + ", memory budget " + budgetMb + " MiB / "
                + heaviestEstimateMb + " MiB for the heaviest job type " + heaviestJobType + ")";
    }
}
