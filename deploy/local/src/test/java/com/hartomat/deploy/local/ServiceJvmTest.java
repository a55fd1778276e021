package com.hartomat.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {

    /** A JVM to inspect: it waits until killed. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    @Test
    void aServiceJvmRunsItsJitCompilerThreadsAtNice19AndRequestThreadsAtNormalPriority() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServiceJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Idle.class.getName()));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Map<String, Integer> niceByThread = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // the launching thread ("java") shows up at once, the JIT's compiler threads a moment later: wait for both
            while (!(niceByThread.containsKey("main") && niceByThread.keySet().stream()
                    .anyMatch(name -> name.contains("CompilerThre"))) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                niceByThread = threadNiceValues(jvm.pid());
            }
            Map<String, Integer> seen = niceByThread;
            List<Integer> compilers = seen.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .map(Map.Entry::getValue).toList();
            assertFalse(compilers.isEmpty(), "compiler threads: " + seen);
            compilers.forEach(nice -> assertEquals(19, nice, seen.toString()));
            // request threads keep the launcher's own priority (0 normally, more under `nice ./hartomat test`)
            assertEquals(ownNice(), seen.get("main"), seen.toString());
        } finally {
            jvm.destroyForcibly();
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int ownNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]); // field 19 of stat; fields here start at field 3
    }

    /** Thread name (as /proc shows it, 15 characters) to nice value, from /proc/PID/task/TID/stat. */
    private static Map<String, Integer> threadNiceValues(long pid) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ", field 19 of stat (nice) is index 16
                out.merge(name.equals("java") ? "main" : name, Integer.parseInt(fields[16]), Math::max);
            }
        }
        return out;
    }
}
