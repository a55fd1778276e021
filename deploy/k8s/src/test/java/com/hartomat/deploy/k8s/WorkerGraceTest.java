package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker's pod gets its configured shutdown grace plus the environment's release margin to stop. */
class WorkerGraceTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void gracePeriodIsShutdownGracePlusReleaseMargin(String environment) {
        Environment env = Environment.load(environment);
        ServiceConfig worker = ServiceConfig.read(Repository.root(), Suite.WORKER);
        long expected = Duration.parse(worker.required("hartomat.worker.shutdown-grace"))
                .plus(Environment.duration(env.renderWorker().path("release_margin"))).toSeconds();
        long committed = Repository.committed(environment).stream()
                .filter(o -> o.kind().equals("Deployment") && o.name().equals(Suite.WORKER)).findFirst().orElseThrow()
                .object().path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong();
        assertEquals(expected, committed);
        assertEquals(30, ServiceWorkloads.terminationGraceSeconds("dispatch-service", worker, env));
    }
}
