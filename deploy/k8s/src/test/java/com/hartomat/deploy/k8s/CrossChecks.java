package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.deploy.k8s.ServiceConfig.Consumption;
import com.hartomat.deploy.k8s.TopicCatalogue.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What no single schema can check: references between objects of a manifest set, and agreement with the sources
 * (the contracts' topics, the render worker's configuration).
 */
public final class CrossChecks {

    private final List<Located> objects;

    public CrossChecks(List<Located> objects) {
        this.objects = objects;
    }

    public List<Violation> check(List<Topic> topics, ServiceConfig worker) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(routeBackends());
        violations.addAll(topicsCovered(topics));
        violations.addAll(deploymentReferences());
        violations.addAll(workerScaling(worker, topics));
        violations.addAll(workerGrace(worker));
        return violations;
    }

    /** Every backend of every HTTPRoute names an existing Service and one of its ports. */
    List<Violation> routeBackends() {
        List<Violation> violations = new ArrayList<>();
        for (Located route : of("HTTPRoute")) {
            JsonNode rules = route.object().path("spec").path("rules");
            for (int r = 0; r < rules.size(); r++) {
                JsonNode refs = rules.get(r).path("backendRefs");
                for (int b = 0; b < refs.size(); b++) {
                    String name = refs.get(b).path("name").asText();
                    int port = refs.get(b).path("port").asInt();
                    String field = "/spec/rules/" + r + "/backendRefs/" + b;
                    Optional<Located> service = named("Service", name);
                    if (service.isEmpty()) {
                        violations.add(new Violation(route.id(), field + "/name", "no Service '" + name + "'"));
                    } else if (!hasPort(service.get(), port)) {
                        violations.add(new Violation(route.id(), field + "/port", "Service '" + name + "' has no port " + port));
                    }
                }
            }
        }
        return violations;
    }

    /** Every topic of the contracts, and its dead-letter topic, has a KafkaTopic. */
    List<Violation> topicsCovered(List<Topic> topics) {
        Set<String> declared = new HashSet<>();
        for (Located topic : of("KafkaTopic")) {
            declared.add(topic.object().path("spec").path("topicName").asText(topic.name()));
        }
        List<Violation> violations = new ArrayList<>();
        for (Topic topic : topics) {
            for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                if (!declared.contains(name)) {
                    violations.add(new Violation("KafkaTopic/" + name, "/spec/topicName",
                            "topic '" + name + "' of the contracts has no KafkaTopic"));
                }
            }
        }
        return violations;
    }

    /**
     * Every Secret, ConfigMap and PersistentVolumeClaim a Deployment names exists: rendered here, created by Strimzi
     * for a KafkaUser of that name, or named by the CloudNativePG Cluster as a role's password Secret (which the
     * operator creates before applying, docs/deployment.md), or a Deployment's own {@code <name>-oidc-client} (its
     * client secret at the identity provider, also the operator's). The same holds for KEDA's TriggerAuthentications.
     */
    List<Violation> deploymentReferences() {
        Set<String> secrets = new HashSet<>(names("Secret"));
        secrets.addAll(names("KafkaUser"));
        for (Located cluster : of("Cluster")) {
            cluster.object().path("spec").path("managed").path("roles")
                    .forEach(role -> secrets.add(role.path("passwordSecret").path("name").asText()));
        }
        Set<String> configMaps = new HashSet<>(names("ConfigMap"));
        Set<String> claims = new HashSet<>(names("PersistentVolumeClaim"));
        List<Violation> violations = new ArrayList<>();
        for (Located deployment : of("Deployment")) {
            // a calling service's client secret at the identity provider: created by the operator (docs/deployment.md)
            secrets.add(deployment.name() + "-oidc-client");
        }
        for (Located deployment : of("Deployment")) {
            JsonNode pod = deployment.object().path("spec").path("template").path("spec");
            JsonNode containers = pod.path("containers");
            for (int c = 0; c < containers.size(); c++) {
                String base = "/spec/template/spec/containers/" + c;
                JsonNode env = containers.get(c).path("env");
                for (int e = 0; e < env.size(); e++) {
                    JsonNode from = env.get(e).path("valueFrom");
                    require(deployment, base + "/env/" + e + "/valueFrom/secretKeyRef/name", from.path("secretKeyRef").path("name"), "Secret", secrets, violations);
                    require(deployment, base + "/env/" + e + "/valueFrom/configMapKeyRef/name", from.path("configMapKeyRef").path("name"), "ConfigMap", configMaps, violations);
                }
                JsonNode envFrom = containers.get(c).path("envFrom");
                for (int e = 0; e < envFrom.size(); e++) {
                    require(deployment, base + "/envFrom/" + e + "/secretRef/name", envFrom.get(e).path("secretRef").path("name"), "Secret", secrets, violations);
                    require(deployment, base + "/envFrom/" + e + "/configMapRef/name", envFrom.get(e).path("configMapRef").path("name"), "ConfigMap", configMaps, violations);
                }
            }
            JsonNode volumes = pod.path("volumes");
            for (int v = 0; v < volumes.size(); v++) {
                String base = "/spec/template/spec/volumes/" + v;
                require(deployment, base + "/secret/secretName", volumes.get(v).path("secret").path("secretName"), "Secret", secrets, violations);
                require(deployment, base + "/configMap/name", volumes.get(v).path("configMap").path("name"), "ConfigMap", configMaps, violations);
                require(deployment, base + "/persistentVolumeClaim/claimName", volumes.get(v).path("persistentVolumeClaim").path("claimName"), "PersistentVolumeClaim", claims, violations);
            }
        }
        for (Located auth : of("TriggerAuthentication")) {
            JsonNode refs = auth.object().path("spec").path("secretTargetRef");
            for (int i = 0; i < refs.size(); i++) {
                require(auth, "/spec/secretTargetRef/" + i + "/name", refs.get(i).path("name"), "Secret", secrets, violations);
            }
        }
        return violations;
    }

    /**
     * The ScaledObject scales an existing Deployment on the topic and consumer group the worker consumes with, with
     * no more replicas than the topic has partitions (more consumers than partitions would idle).
     */
    List<Violation> workerScaling(ServiceConfig worker, List<Topic> topics) {
        List<Violation> violations = new ArrayList<>();
        Consumption jobs = worker.consumptions().stream()
                .filter(c -> c.topic().equals(ServiceConfig.RENDER_JOBS_TOPIC)).findFirst().orElseThrow();
        List<Located> scaled = of("ScaledObject");
        if (scaled.isEmpty()) {
            violations.add(new Violation("ScaledObject/" + Suite.WORKER, "", "the render worker has no ScaledObject"));
        }
        for (Located object : scaled) {
            JsonNode spec = object.object().path("spec");
            String target = spec.path("scaleTargetRef").path("name").asText();
            if (named("Deployment", target).isEmpty()) {
                violations.add(new Violation(object.id(), "/spec/scaleTargetRef/name", "no Deployment '" + target + "'"));
            }
            JsonNode triggers = spec.path("triggers");
            for (int t = 0; t < triggers.size(); t++) {
                JsonNode metadata = triggers.get(t).path("metadata");
                String base = "/spec/triggers/" + t + "/metadata";
                if (!jobs.topic().equals(metadata.path("topic").asText())) {
                    violations.add(new Violation(object.id(), base + "/topic", "'" + metadata.path("topic").asText()
                            + "' is not the topic the worker consumes (" + jobs.topic() + ")"));
                }
                if (!jobs.group().equals(metadata.path("consumerGroup").asText())) {
                    violations.add(new Violation(object.id(), base + "/consumerGroup", "'" + metadata.path("consumerGroup").asText()
                            + "' is not the worker's consumer group (hartomat.worker.group-id=" + jobs.group() + ")"));
                }
            }
            int partitions = topics.stream().filter(t -> t.name().equals(jobs.topic())).findFirst().orElseThrow().partitions();
            if (spec.path("maxReplicaCount").asInt() > partitions) {
                violations.add(new Violation(object.id(), "/spec/maxReplicaCount", "more replicas than " + jobs.topic()
                        + " has partitions (" + partitions + ")"));
            }
        }
        return violations;
    }

    /** The worker's pod is given longer to stop than the worker waits for running jobs, so it can release them. */
    List<Violation> workerGrace(ServiceConfig worker) {
        Duration shutdownGrace = Duration.parse(worker.required("hartomat.worker.shutdown-grace"));
        List<Violation> violations = new ArrayList<>();
        for (Located deployment : named("Deployment", Suite.WORKER).stream().toList()) {
            JsonNode grace = deployment.object().path("spec").path("template").path("spec").path("terminationGracePeriodSeconds");
            if (!grace.isNumber() || grace.asLong() <= shutdownGrace.toSeconds()) {
                violations.add(new Violation(deployment.id(), "/spec/template/spec/terminationGracePeriodSeconds",
                        "must exceed hartomat.worker.shutdown-grace (" + shutdownGrace.toSeconds() + " s) so that the"
                                + " worker can release its jobs; is " + grace));
            }
        }
        return violations;
    }

    private void require(Located owner, String field, JsonNode name, String kind, Set<String> existing, List<Violation> violations) {
        if (name.isTextual() && !existing.contains(name.asText())) {
            violations.add(new Violation(owner.id(), field, "no " + kind + " '" + name.asText() + "'"));
        }
    }

    private static boolean hasPort(Located service, int port) {
        for (JsonNode p : service.object().path("spec").path("ports")) {
            if (p.path("port").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    private List<Located> of(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    private Optional<Located> named(String kind, String name) {
        return of(kind).stream().filter(o -> o.name().equals(name)).findFirst();
    }

    private List<String> names(String kind) {
        return of(kind).stream().map(Located::name).toList();
    }

}
