package com.hartomat.dispatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per component of the benchmark stack, from /proc (Linux): the dispatch service, PostgreSQL (all its
 * processes), the Kafka broker, this load generator, and the whole machine. A snapshot before and after a phase gives
 * CPU milliseconds per dispatch, which is what decides how many dispatches two cores can carry. Only this JVM and its
 * descendants count as the stack, so another PostgreSQL or broker on the same machine (another benchmark, another
 * test run) is not attributed to it; the machine figure still sees them.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long servicePid;

    CpuMeter(long servicePid) {
        this.servicePid = servicePid;
    }

    /** Ticks per component, plus "machine" (busy ticks of all CPUs). */
    Map<String, Long> snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String k : new String[] {"service", "service jit", "service gc", "service event loops",
                "service outbox relay", "postgres", "kafka", "load generator", "machine"}) {
            ticks.put(k, 0L);
        }
        long self = ProcessHandle.current().pid();
        // only this benchmark's own processes: on a shared machine other PostgreSQL servers and brokers come and go
        Set<Long> ours = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String component = pid == self || ours.contains(pid) ? component(pid, self, p) : null;
                if (component != null) {
                    ticks.merge(component, processTicks(p), Long::sum);
                }
                if (pid == servicePid) {
                    serviceThreads(p, ticks);
                }
            });
        } catch (IOException e) {
            return ticks;
        }
        ticks.put("machine", machineBusyTicks());
        return ticks;
    }

    /** CPU ms per dispatch per component between two snapshots. */
    static String perDispatch(Map<String, Long> before, Map<String, Long> after, int dispatches, double seconds) {
        return per("dispatch", before, after, dispatches, seconds);
    }

    /** CPU ms per unit of work ({@code unit}: what one of {@code dispatches} is) per component between two snapshots. */
    static String per(String unit, Map<String, Long> before, Map<String, Long> after, int dispatches, double seconds) {
        StringBuilder out = new StringBuilder("  CPU per " + unit + ":");
        long stack = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().equals("machine")) {
                continue;
            }
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (!e.getKey().startsWith("service ")) {
                stack += delta;
            }
            out.append(String.format(" %s %.2f ms,", e.getKey(), delta / TICKS_PER_SECOND * 1000 / dispatches));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long busy = after.get("machine") - before.get("machine");
        out.append(String.format(" whole stack %.2f ms = %.0f%% of %d cores (/proc/stat: machine busy %.0f%%)",
                stack / TICKS_PER_SECOND * 1000 / dispatches, stack / TICKS_PER_SECOND / seconds / cores * 100, cores,
                busy / TICKS_PER_SECOND / seconds / cores * 100));
        return out.toString();
    }

    private String component(long pid, long self, Path proc) {
        if (pid == servicePid) {
            return "service";
        }
        if (pid == self) {
            return "load generator";
        }
        try {
            String comm = Files.readString(proc.resolve("comm")).trim();
            if (comm.equals("postgres")) {
                return "postgres";
            }
            if (comm.equals("java") && Files.readString(proc.resolve("cmdline")).contains("BrokerMain")) {
                return "kafka";
            }
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile
        }
        return null;
    }

    /** The service's CPU by thread group: JIT compiler, garbage collector, Vert.x event loops, the outbox relay. */
    private static void serviceThreads(Path proc, Map<String, Long> ticks) {
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            tasks.forEach(task -> {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                } catch (IOException e) {
                    return;
                }
                String group = name.contains("CompilerThre") ? "service jit"
                        : name.startsWith("GC Thread") || name.startsWith("G1") || name.equals("VM Thread") ? "service gc"
                        : name.startsWith("vert.x-eventlo") ? "service event loops"
                        : name.startsWith("outbox-relay") || name.startsWith("kafka-producer") ? "service outbox relay"
                        : null;
                if (group != null) {
                    ticks.merge(group, processTicks(task), Long::sum);
                }
            });
        } catch (IOException e) {
            // the service is gone
        }
    }

    /** utime + stime of one process (all its threads); 0 when it has gone. */
    private static long processTicks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
