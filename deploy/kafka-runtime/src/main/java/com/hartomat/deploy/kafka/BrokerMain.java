package com.hartomat.deploy.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Formats a KRaft storage directory and runs a single-node Kafka broker in this JVM.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <parent pid>}. The broker lives only as long
 * as the parent process: if the parent disappears (a test JVM killed with SIGKILL, say) this process
 * deletes its log directory and halts, so no broker is ever left behind.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain <server.properties> <cluster-id> <parent-pid>");
            System.exit(2);
        }
        Path properties = Path.of(args[0]);
        String clusterId = args[1];
        long parentPid = Long.parseLong(args[2]);
        Path logDir = properties.getParent().resolve("logs");

        watchParent(parentPid, properties.getParent());

        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> {
            if (code != 0) {
                throw new IllegalStateException("Kafka storage format failed (" + code + "): " + message);
            }
        });
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString(), "--ignore-formatted"},
                new PrintStream(System.out));
        if (formatted != 0) {
            throw new IllegalStateException("Kafka storage format exited with " + formatted + " for " + logDir);
        }
        org.apache.kafka.common.utils.Exit.resetExitProcedure();
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private static void watchParent(long parentPid, Path ownDirectory) {
        Thread watcher = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteQuietly(ownDirectory);
                    Runtime.getRuntime().halt(0);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the parent's reaper removes whatever is left
        }
    }
}
