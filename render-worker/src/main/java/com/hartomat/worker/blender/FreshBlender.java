package com.hartomat.worker.blender;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A fresh {@code blender -b} process per job: the pool switched off. */
public final class FreshBlender implements BlenderRunner {

    private final String executable;
    private final Path sceneScript;

    public FreshBlender(String executable, Path sceneScript) {
        this.executable = executable;
        this.sceneScript = sceneScript;
    }

    /** The command of one fresh run; {@code --python-exit-code} must come before {@code -P}. */
    public static List<String> command(String executable, Path sceneScript, Path spec) {
        return List.of(executable, "-b", "--factory-startup", "--python-exit-code", "3", "-P", sceneScript.toString(),
                "--", spec.toString());
    }

    @Override
    public BlenderRun run(Path spec, Path workDir, Duration timeout, BoundedLog log, Consumer<String> lines,
            ChildProcess.Cancellation cancellation) throws IOException, InterruptedException {
        return BlenderRun.of(ChildProcess.run(command(executable, sceneScript, spec), workDir, timeout, log, lines,
                cancellation));
    }
}
