package com.hartomat.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root, and the development and CI
 * machines run as root. When this JVM is root, server processes run as {@code nobody} through
 * {@code setpriv}, and the directories they write are handed to that user.
 */
final class ProcessOwner {

    private static final String UNPRIVILEGED_USER = "nobody";

    private ProcessOwner() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static List<String> command(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static void handOver(Path directory) {
        if (!runningAsRoot()) {
            return;
        }
        try {
            Process chown = new ProcessBuilder("chown", "-R", UNPRIVILEGED_USER + ":nogroup", directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(chown.getInputStream().readAllBytes());
            if (chown.waitFor() != 0) {
                throw new IllegalStateException("chown of " + directory + " failed: " + output);
            }
            Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + directory, e);
        }
    }
}
