package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken manifests fail with the object and the field: each test breaks one thing in a copy of the
 * committed prod manifests and expects exactly that to be reported.
 */
class BrokenManifestsTest {

    @Test
    void aMisspeltFieldOfACoreKindFails() {
        assertReported(broken("Deployment", "dispatch-service", d -> container(d).put("imagePullPolcy", "Always")),
                "prod/dispatch-service.yaml: Deployment/dispatch-service", "/spec/template/spec/containers/0/imagePullPolcy");
    }

    @Test
    void aValueOfTheWrongTypeInACoreKindFails() {
        assertReported(broken("Service", "workflow-registry", s -> ((ObjectNode) s.path("spec").path("ports").path(0)).put("protocol", 5).putObject("port").put("x", 1)),
                "prod/workflow-registry.yaml: Service/workflow-registry", "/spec/ports/0/port");
    }

    @Test
    void aMisspeltFieldOfACustomResourceFails() {
        assertReported(broken("KafkaTopic", "render.jobs.v1", t -> ((ObjectNode) t.path("spec")).put("partition", 6)),
                "prod/kafka.yaml: KafkaTopic/render.jobs.v1", "/spec/partition");
    }

    @Test
    void aValueOfTheWrongTypeInACustomResourceFails() {
        assertReported(broken("ScaledObject", "render-worker", s -> ((ObjectNode) s.path("spec")).put("maxReplicaCount", "six")),
                "prod/render-worker.yaml: ScaledObject/render-worker", "/spec/maxReplicaCount");
    }

    @Test
    void aRouteToAMissingServiceFails() {
        assertReported(broken("HTTPRoute", "hartomat-api", r -> ((ObjectNode) r.path("spec").path("rules").path(0).path("backendRefs").path(0)).put("name", "orders-service")),
                "prod/gateway.yaml: HTTPRoute/hartomat-api", "/spec/rules/0/backendRefs/0/name");
    }

    @Test
    void aRouteToAMissingPortFails() {
        assertReported(broken("HTTPRoute", "hartomat-api-regex", r -> ((ObjectNode) r.path("spec").path("rules").path(0).path("backendRefs").path(0)).put("port", 8080)),
                "prod/gateway.yaml: HTTPRoute/hartomat-api-regex", "/spec/rules/0/backendRefs/0/port");
    }

    @Test
    void aDeploymentNamingAMissingSecretFails() {
        assertReported(broken("Deployment", "comparison-service", d -> ((ObjectNode) container(d).path("env").path(1).path("valueFrom").path("secretKeyRef")).put("name", "comparison-db")),
                "prod/comparison-service.yaml: Deployment/comparison-service", "/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef/name");
    }

    @Test
    void aDeploymentNamingAMissingConfigMapFails() {
        assertReported(broken("Deployment", "render-worker", d -> ((ObjectNode) container(d).path("envFrom").path(0).path("configMapRef")).put("name", "hartomat-settings")),
                "prod/render-worker.yaml: Deployment/render-worker", "/spec/template/spec/containers/0/envFrom/0/configMapRef/name");
    }

    @Test
    void aMissingDeadLetterTopicFails() {
        List<Located> objects = new ArrayList<>(Repository.committed("prod"));
        objects.removeIf(o -> o.kind().equals("KafkaTopic") && o.name().equals("render.events.v1.dlq"));
        assertReported(objects, "KafkaTopic/render.events.v1.dlq", "/spec/topicName");
    }

    @Test
    void aScaledObjectOnAnotherConsumerGroupFails() {
        assertReported(broken("ScaledObject", "render-worker", s -> ((ObjectNode) s.path("spec").path("triggers").path(0).path("metadata")).put("consumerGroup", "render-workers")),
                "prod/render-worker.yaml: ScaledObject/render-worker", "/spec/triggers/0/metadata/consumerGroup");
    }

    @Test
    void aScaledObjectOnAnotherTopicFails() {
        assertReported(broken("ScaledObject", "render-worker", s -> ((ObjectNode) s.path("spec").path("triggers").path(0).path("metadata")).put("topic", "render.events.v1")),
                "prod/render-worker.yaml: ScaledObject/render-worker", "/spec/triggers/0/metadata/topic");
    }

    @Test
    void aWorkerGracePeriodShorterThanItsShutdownGraceFails() {
        assertReported(broken("Deployment", "render-worker", d -> ((ObjectNode) d.path("spec").path("template").path("spec")).put("terminationGracePeriodSeconds", 30)),
                "prod/render-worker.yaml: Deployment/render-worker", "/spec/template/spec/terminationGracePeriodSeconds");
    }

    @Test
    void anObjectOfAnUnknownKindFails() {
        List<Located> objects = new ArrayList<>(Repository.committed("prod"));
        objects.add(new Located("prod/extra.yaml", Nodes.obj("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
                "metadata", Nodes.obj("name", "dispatch-service"))));
        assertReported(objects, "prod/extra.yaml: ServiceMonitor/dispatch-service", "/kind");
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    /** The committed prod objects, one of them copied and changed. */
    private static List<Located> broken(String kind, String name, Consumer<ObjectNode> change) {
        List<Located> objects = new ArrayList<>();
        boolean found = false;
        for (Located object : Repository.committed("prod")) {
            if (object.kind().equals(kind) && object.name().equals(name)) {
                ObjectNode copy = object.object().deepCopy();
                change.accept(copy);
                objects.add(new Located(object.file(), copy));
                found = true;
            } else {
                objects.add(object);
            }
        }
        assertTrue(found, "no " + kind + "/" + name + " in the prod manifests");
        return objects;
    }

    private static void assertReported(List<Located> objects, String object, String field) {
        List<Violation> violations = new ArrayList<>(new ManifestValidator().validate(objects));
        violations.addAll(new CrossChecks(objects).check(TopicCatalogue.fromContracts(), ServiceConfig.read(Repository.root(), Suite.WORKER)));
        assertTrue(violations.stream().anyMatch(v -> v.object().equals(object) && v.field().equals(field)),
                "expected a violation of " + object + " at " + field + ", got " + violations);
    }
}
