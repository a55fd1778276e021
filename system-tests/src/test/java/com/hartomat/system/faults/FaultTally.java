package com.hartomat.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fault-injection run's account: each fault injected, when, and how long until the stack recovered from it, and at
 * the end the lines lost and duplicated. Renders the table the suite prints (and docs/testing.md quotes). Recovery
 * times are printed, never asserted.
 */
public final class FaultTally {

    /**
     * One injected fault.
     *
     * @param detail           what exactly was done (e.g. how many outbox rows were held when dispatch was killed)
     * @param toNextCompletion from the fault to the next order line that completed after it; empty if none did
     */
    public record Fault(String name, String detail, long injectedAtNanos, Optional<Duration> toNextCompletion) {
    }

    private final List<Fault> faults = new ArrayList<>();

    public synchronized void add(Fault fault) {
        faults.add(fault);
    }

    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    public static long lost(List<LineOutcome> lines) {
        return lines.stream().filter(LineOutcome::lost).count();
    }

    public static long duplicated(List<LineOutcome> lines) {
        return lines.stream().filter(LineOutcome::duplicated).count();
    }

    /** The longest time from a fault to the next completed line; empty when no fault has one. */
    public synchronized Optional<Duration> longestRecovery() {
        return faults.stream().flatMap(f -> f.toNextCompletion().stream()).max(Duration::compareTo);
    }

    /**
     * The table: one row per fault (time to the next completed line), then the totals.
     *
     * @param lastFaultToAllDone from the last fault until every line was final
     */
    public synchronized String table(List<LineOutcome> lines, Duration lastFaultToAllDone, Duration wholeRun) {
        StringBuilder out = new StringBuilder();
        out.append("| # | fault | detail | to next completed line |\n| --- | --- | --- | --- |\n");
        int i = 1;
        for (Fault f : faults) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", i++, f.name(), f.detail(),
                    f.toNextCompletion().map(FaultTally::seconds).orElse("none")));
        }
        long legacy = lines.stream().filter(l -> "legacy".equals(l.mode())).count();
        long graph = lines.stream().filter(l -> "graph".equals(l.mode())).count();
        long shadow = lines.stream().filter(l -> "shadow".equals(l.mode())).count();
        out.append('\n').append("| order lines | faults injected | lines lost | lines duplicated | longest recovery "
                + "(fault → next completed line) | last fault → all lines done | whole run |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| %d (%d legacy, %d graph, %d shadow) | %d | %d | %d | %s | %s | %s |%n",
                lines.size(), legacy, graph, shadow, faults.size(), lost(lines), duplicated(lines),
                longestRecovery().map(FaultTally::seconds).orElse("none"), seconds(lastFaultToAllDone),
                seconds(wholeRun)));
        return out.toString();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
