package com.hartomat.worker.blender;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs the scene script on one job spec: either a fresh {@code blender -b} per job ({@link FreshBlender}) or a job
 * handed to a warm, long-lived Blender ({@link BlenderPool}). Either way the job's output lines go to its log and
 * to {@code lines} (progress, result), the run ends within {@code timeout}, and {@code cancellation} stops it.
 */
public interface BlenderRunner extends AutoCloseable {

    /** Throws {@link IOException} when no Blender could be started at all. */
    BlenderRun run(Path spec, Path workDir, Duration timeout, BoundedLog log, Consumer<String> lines,
            ChildProcess.Cancellation cancellation) throws IOException, InterruptedException;

    /** Stops any Blender processes it keeps. */
    @Override
    default void close() {
    }
}
