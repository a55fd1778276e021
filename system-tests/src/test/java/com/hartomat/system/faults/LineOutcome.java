package com.hartomat.system.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What the stack says about one order line after the fault-injection run: its render status, how many media assets and
 * notifications it has, how many times its authoritative run reported completion (distinct status event ids; a
 * relayed-twice event carries the same id and counts once), and the runs of the line still not in a final status.
 *
 * @param mode             the line's rollout: {@code legacy}, {@code graph} or {@code shadow}
 * @param runCompletions   distinct {@code runs.status.v1} completion events of the line's graph run; -1 where the line
 *                         has no graph-authoritative run (legacy and shadow lines complete through the legacy job)
 * @param notCompletedRuns the line's runs (graph, observer, fallback) whose status is not {@code completed}
 */
public record LineOutcome(String lineId, String mode, String renderStatus, int assets, int notifications,
        int runCompletions, List<String> notCompletedRuns) {

    /** The line never completed, or completed without its asset or its notification. */
    public boolean lost() {
        return !"completed".equals(renderStatus) || assets == 0 || notifications == 0 || runCompletions == 0;
    }

    /** The line's work was published or announced more than once. */
    public boolean duplicated() {
        return assets > 1 || notifications > 1 || runCompletions > 1;
    }

    /** Everything wrong with this line, in words; empty when it completed exactly once. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"completed".equals(renderStatus)) {
            problems.add("render_status " + renderStatus);
        }
        if (assets != 1) {
            problems.add(assets + " media assets");
        }
        if (notifications != 1) {
            problems.add(notifications + " notifications");
        }
        if (runCompletions >= 0 && runCompletions != 1) {
            problems.add(runCompletions + " run completions");
        }
        if (!notCompletedRuns.isEmpty()) {
            problems.add("runs not completed: " + notCompletedRuns);
        }
        return problems;
    }
}
