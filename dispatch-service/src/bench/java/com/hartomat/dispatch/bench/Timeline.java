package com.hartomat.dispatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * With -Dbench.timeline=true: every half second, the CPU each component used (percent of one core) next to the
 * slowest request sent in that window, to see what the latency tail coincides with (JIT, PostgreSQL, the broker).
 */
final class Timeline {

    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final List<Long> times = new ArrayList<>();
    private final List<Map<String, Long>> snapshots = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timeline");
        t.setDaemon(true);
        return t;
    });

    static Timeline start(CpuMeter cpu) {
        Timeline timeline = new Timeline();
        timeline.sampler.scheduleAtFixedRate(() -> {
            Map<String, Long> snapshot = cpu.snapshot();
            synchronized (timeline) {
                timeline.times.add(System.nanoTime());
                timeline.snapshots.add(snapshot);
            }
        }, 0, WINDOW_NANOS, TimeUnit.NANOSECONDS);
        return timeline;
    }

    synchronized void stopAndPrint(long[] sentAt, long[] latencies) {
        sampler.shutdownNow();
        System.out.println("  timeline (CPU in % of one core per window; requests by send time):");
        for (int w = 1; w < times.size(); w++) {
            long from = times.get(w - 1);
            long to = times.get(w);
            long max = 0;
            int slow = 0;
            int n = 0;
            for (int i = 0; i < sentAt.length; i++) {
                if (sentAt[i] >= from && sentAt[i] < to) {
                    n++;
                    max = Math.max(max, latencies[i]);
                    if (latencies[i] > TimeUnit.MILLISECONDS.toNanos(25)) {
                        slow++;
                    }
                }
            }
            if (n == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("    %5.1fs n=%4d max=%6.1fms >25ms=%4d |",
                    (from - times.get(0)) / 1e9, n, max / 1e6, slow));
            double seconds = (to - from) / 1e9;
            for (Map.Entry<String, Long> e : snapshots.get(w).entrySet()) {
                long delta = e.getValue() - snapshots.get(w - 1).getOrDefault(e.getKey(), 0L);
                line.append(String.format(" %s %3.0f", e.getKey().replace("service ", "svc-"), delta / seconds));
            }
            System.out.println(line);
        }
    }
}
