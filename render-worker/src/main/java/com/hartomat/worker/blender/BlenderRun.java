package com.hartomat.worker.blender;

/**
 * How one job's Blender run ended, fresh process or warm. {@code exitCode} is the process's exit code for a fresh
 * run and the job's code for a warm one (0 done, 3 the scene script raised); -1 when it was killed.
 * {@code crashed}: the process died on its own in the middle of the job (a fresh one with an exit code other than
 * 0 and 3, a warm one at all). {@code overMemoryRssBytes} is above zero when the process was killed because its
 * resident memory passed the pool's ceiling.
 */
public record BlenderRun(int exitCode, boolean timedOut, boolean cancelled, boolean crashed, long overMemoryRssBytes) {

    public static BlenderRun of(ChildProcess.Outcome outcome) {
        boolean crashed = !outcome.timedOut() && !outcome.cancelled() && outcome.exitCode() != 0 && outcome.exitCode() != 3;
        return new BlenderRun(outcome.exitCode(), outcome.timedOut(), outcome.cancelled(), crashed, 0);
    }

    static BlenderRun finished(int exitCode) {
        return new BlenderRun(exitCode, false, false, false, 0);
    }

    static BlenderRun lost(int processExit) {
        return new BlenderRun(processExit, false, false, true, 0);
    }

    static BlenderRun timeout() {
        return new BlenderRun(-1, true, false, false, 0);
    }

    static BlenderRun stopped() {
        return new BlenderRun(-1, false, true, false, 0);
    }

    static BlenderRun overMemory(long rssBytes) {
        return new BlenderRun(-1, false, false, false, rssBytes);
    }

    public boolean overMemory() {
        return overMemoryRssBytes > 0;
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && !cancelled && !crashed && !overMemory();
    }

    /** The same run as a child-process outcome, for the process span. */
    public ChildProcess.Outcome asOutcome() {
        return new ChildProcess.Outcome(overMemory() || crashed && exitCode == 0 ? -1 : exitCode, timedOut, cancelled);
    }
}
