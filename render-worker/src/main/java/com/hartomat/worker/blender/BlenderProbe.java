package com.hartomat.worker.blender;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code blender --version} once and says whether Blender is usable, and why not. */
public final class BlenderProbe {

    private static final Pattern VERSION = Pattern.compile("^Blender (\\d+\\.\\d+(?:\\.\\d+)?)");

    /** The probe's verdict: available with a version, or not with a reason an operator can act on. */
    public record Result(boolean available, String executable, String version, String reason) {
        public static Result unavailable(String executable, String reason) {
            return new Result(false, executable, null, reason);
        }
    }

    private BlenderProbe() {
    }

    public static Result probe(String executable, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable, "-b", "--factory-startup", "--version"))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return Result.unavailable(executable, "Blender not found or not executable at '" + executable + "': "
                    + e.getMessage());
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        if (output.length() < 8192) {
                            output.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcess.killTree(process);
                return Result.unavailable(executable, "Blender version probe did not answer within " + timeout);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcess.killTree(process);
            return Result.unavailable(executable, "Blender version probe interrupted");
        }
        String text;
        synchronized (output) {
            text = output.toString();
        }
        if (process.exitValue() != 0) {
            return Result.unavailable(executable, "Blender version probe exited with " + process.exitValue() + ": "
                    + firstLine(text));
        }
        for (String line : text.split("\n")) {
            Matcher m = VERSION.matcher(line.trim());
            if (m.find()) {
                return new Result(true, executable, m.group(1), null);
            }
        }
        return Result.unavailable(executable, "Blender version probe printed no version: " + firstLine(text));
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "(no output)" : nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
