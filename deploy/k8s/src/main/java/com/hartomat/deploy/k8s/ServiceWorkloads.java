package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's Deployment and Service as the Quarkus Kubernetes extension generated them from its
 * application.properties (target/kubernetes/kubernetes.yml: probes, resources, ConfigMap and Secret references,
 * volumes), completed with what the extension cannot express: the environment's replicas, topology spread, the
 * termination grace period, and a PodDisruptionBudget.
 */
public final class ServiceWorkloads {

    /** Other services stop within Quarkus' own shutdown; this leaves in-flight requests time to finish. */
    static final int DEFAULT_GRACE_SECONDS = 30;

    private ServiceWorkloads() {
    }

    public static List<ObjectNode> render(String service, List<ObjectNode> quarkusObjects, ServiceConfig config, Environment env) {
        List<ObjectNode> objects = new ArrayList<>();
        for (ObjectNode object : quarkusObjects) {
            String kind = object.path("kind").asText();
            if (kind.equals("Deployment")) {
                objects.add(completeDeployment(service, object.deepCopy(), config, env));
            } else if (kind.equals("Service")) {
                objects.add(object.deepCopy());
            } else {
                throw new IllegalStateException(service + ": unexpected " + kind + " in the Quarkus-generated manifests;"
                        + " configure the extension not to generate it or render it here");
            }
        }
        objects.add(disruptionBudget(service));
        return objects;
    }

    private static ObjectNode completeDeployment(String service, ObjectNode deployment, ServiceConfig config, Environment env) {
        ObjectNode spec = (ObjectNode) deployment.path("spec");
        if (service.equals(Suite.WORKER)) {
            // KEDA's ScaledObject owns the worker's replica count (within the environment's bounds)
            spec.remove("replicas");
        } else {
            spec.put("replicas", env.replicas(service));
        }
        ObjectNode pod = (ObjectNode) spec.path("template").path("spec");
        pod.put("terminationGracePeriodSeconds", terminationGraceSeconds(service, config, env));
        pod.set("topologySpreadConstraints", arr(
                spread("topology.kubernetes.io/zone", service),
                spread("kubernetes.io/hostname", service)));
        return deployment;
    }

    /**
     * The render worker, when stopped, waits {@code hartomat.worker.shutdown-grace} for running jobs, then kills their
     * Blender processes, records the attempts as released and emits {@code cancelled} (docs/render-worker.md): the pod
     * must get that long plus the environment's release margin before Kubernetes kills it.
     */
    public static int terminationGraceSeconds(String service, ServiceConfig config, Environment env) {
        if (!service.equals(Suite.WORKER)) {
            return DEFAULT_GRACE_SECONDS;
        }
        Duration shutdownGrace = Duration.parse(config.required("hartomat.worker.shutdown-grace"));
        Duration margin = Environment.duration(env.renderWorker().path("release_margin"));
        return Math.toIntExact(shutdownGrace.plus(margin).toSeconds());
    }

    private static ObjectNode spread(String topologyKey, String service) {
        return obj("maxSkew", 1, "topologyKey", topologyKey, "whenUnsatisfiable", "ScheduleAnyway",
                "labelSelector", obj("matchLabels", Suite.selector(service)));
    }

    /** At most one pod of a service away at a time during voluntary disruptions (node drains, upgrades). */
    private static ObjectNode disruptionBudget(String service) {
        ObjectNode pdb = Nodes.object("policy/v1", "PodDisruptionBudget", service, Suite.labels(service));
        pdb.set("spec", obj("maxUnavailable", 1, "selector", obj("matchLabels", Suite.selector(service))));
        return pdb;
    }
}
