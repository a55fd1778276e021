package com.hartomat.deploy.local;

import java.util.ArrayList;
import java.util.List;

/**
 * How a service JVM is launched: the heap, and the JIT compiler threads at the lowest OS priority
 * ({@code nice 19}). On a machine with few cores the C2 compiler keeps compiling for minutes after start-up and
 * takes a whole core for hundreds of milliseconds at a time; at normal priority that stalls request handling and
 * shows up as the latency tail. At nice 19 the compiler uses idle CPU only. Lowering a thread's priority needs no
 * privilege; the policy flag's boosts of VM-internal threads apply only where the process may raise priorities
 * (root) and are otherwise ignored silently.
 *
 * <p>{@code -Dvertx.disableURIValidation=true} turns off Quarkus' own check of the request target, which answers a
 * target {@code java.net.URI} cannot parse (a broken {@code %} escape) with a bare 400 before any handler of the
 * application runs; without it the router's matching fails on such a target and the application's JSON error handler
 * answers it ({@code UnroutedRequests}, docs/security.md).
 *
 * <p>The same flags belong in a container's {@code JAVA_OPTS}; see docs/configuration.md.
 */
public final class ServiceJvm {

    /** Flags for every service JVM, after which {@code -jar quarkus-run.jar} follows. */
    public static final List<String> OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:ThreadPriorityPolicy=1",
            "-XX:CompilerThreadPriority=19", "-Dvertx.disableURIValidation=true");

    private ServiceJvm() {
    }

    /** {@code java <OPTIONS> <extra> -jar <jar>}. */
    public static List<String> command(String javaExecutable, List<String> extra, String jar) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.addAll(OPTIONS);
        command.addAll(extra);
        command.add("-jar");
        command.add(jar);
        return command;
    }
}
