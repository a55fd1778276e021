package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.k8s.ServiceConfig.Consumption;
import java.util.List;

/**
 * The render worker scales on the consumer lag of render.jobs.v1 with a KEDA {@code ScaledObject}: the topic and
 * consumer group the worker consumes with (its configuration), one replica per {@code hartomat.worker.concurrency}
 * waiting jobs, within the environment's bounds. KEDA reads the lag as the worker's KafkaUser (SCRAM): the password
 * from the KafkaUser's Secret, mechanism and user name from a Secret rendered here (nothing secret in it).
 */
public final class WorkerScaling {

    public static final String AUTH = Suite.WORKER + "-kafka";
    public static final String AUTH_SECRET = Suite.WORKER + "-keda";

    private WorkerScaling() {
    }

    public static List<ObjectNode> render(ServiceConfig worker, Environment env) {
        Consumption jobs = worker.consumptions().stream()
                .filter(c -> c.topic().equals(ServiceConfig.RENDER_JOBS_TOPIC))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the render worker consumes no " + ServiceConfig.RENDER_JOBS_TOPIC));
        ObjectNode scaled = Nodes.object("keda.sh/v1alpha1", "ScaledObject", Suite.WORKER, Suite.labels(Suite.WORKER));
        scaled.set("spec", obj(
                "scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", Suite.WORKER),
                "minReplicaCount", env.renderWorker().path("min_replicas").asInt(),
                "maxReplicaCount", env.renderWorker().path("max_replicas").asInt(),
                "pollingInterval", 15,
                // a scale-down stops a worker, which releases its running jobs: wait before doing so
                "cooldownPeriod", 300,
                "triggers", arr(obj(
                        "type", "kafka",
                        "metadata", obj(
                                "bootstrapServers", Suite.KAFKA_BOOTSTRAP,
                                "consumerGroup", jobs.group(),
                                "topic", jobs.topic(),
                                "lagThreshold", worker.required("hartomat.worker.concurrency"),
                                "offsetResetPolicy", "earliest",
                                "allowIdleConsumers", "false"),
                        "authenticationRef", obj("name", AUTH)))));

        ObjectNode auth = Nodes.object("keda.sh/v1alpha1", "TriggerAuthentication", AUTH, Suite.labels(Suite.WORKER));
        auth.set("spec", obj("secretTargetRef", arr(
                obj("parameter", "sasl", "name", AUTH_SECRET, "key", "sasl"),
                obj("parameter", "username", "name", AUTH_SECRET, "key", "username"),
                obj("parameter", "password", "name", Suite.WORKER, "key", "password"))));

        ObjectNode secret = Nodes.object("v1", "Secret", AUTH_SECRET, Suite.labels(Suite.WORKER));
        secret.put("type", "Opaque");
        secret.set("stringData", obj("sasl", "scram_sha512", "username", Suite.WORKER));
        return List.of(scaled, auth, secret);
    }
}
