package com.hartomat.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A detached watchdog that outlives this JVM: when this JVM dies (even by SIGKILL), it kills every
 * process whose command line names the infrastructure's work directory and deletes that directory.
 * Normal shutdown cleans up first; the reaper then finds nothing left to do.
 */
final class Reaper {

    private static final String SCRIPT = """
            parent="$1"; dir="$HARTOMAT_REAP_DIR"
            while kill -0 "$parent" 2>/dev/null; do sleep 1; done
            pkill -9 -f -- "$dir" 2>/dev/null
            sleep 1
            rm -rf -- "$dir"
            """;

    private Reaper() {
    }

    static void watch(Path workDir) {
        if (!new File("/usr/bin/setsid").canExecute() && !new File("/bin/setsid").canExecute()) {
            return;
        }
        try {
            // the directory travels in the environment: on the command line, pkill would match the reaper itself
            ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", SCRIPT, "hartomat-reaper",
                    Long.toString(ProcessHandle.current().pid()));
            builder.environment().put("HARTOMAT_REAP_DIR", workDir.toAbsolutePath().toString());
            builder
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the infrastructure reaper", e);
        }
    }
}
