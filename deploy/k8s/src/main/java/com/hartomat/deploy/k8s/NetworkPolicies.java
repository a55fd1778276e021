package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One NetworkPolicy per service: in, only the gateway's data plane (its namespace) and the services that call it
 * (read from the REST clients' configuration); out, only DNS, PostgreSQL, Kafka and the services it calls.
 */
public final class NetworkPolicies {

    private NetworkPolicies() {
    }

    public static ObjectNode render(String service, Map<String, ServiceConfig> configs, Environment env) {
        List<Peers.Call> calls = Peers.of(configs);
        int port = httpPort(configs.get(service));
        ArrayNode ingressFrom = arr(obj("namespaceSelector", obj("matchLabels",
                obj("kubernetes.io/metadata.name", env.gateway().path("data_plane_namespace").asText()))));
        calls.stream().filter(c -> c.callee().equals(service)).map(Peers.Call::caller).distinct()
                .forEach(caller -> ingressFrom.add(obj("podSelector", obj("matchLabels", Suite.selector(caller)))));

        ArrayNode egress = arr(
                obj("ports", arr(obj("protocol", "UDP", "port", 53), obj("protocol", "TCP", "port", 53))),
                obj("to", arr(obj("podSelector", obj("matchLabels", obj("cnpg.io/cluster", Suite.DB_CLUSTER)))),
                        "ports", arr(obj("protocol", "TCP", "port", Suite.DB_PORT))),
                obj("to", arr(obj("podSelector", obj("matchLabels", obj("strimzi.io/cluster", Suite.KAFKA_CLUSTER)))),
                        "ports", arr(obj("protocol", "TCP", "port", Suite.KAFKA_PORT))));
        calls.stream().filter(c -> c.caller().equals(service)).map(Peers.Call::callee).distinct()
                .forEach(callee -> egress.add(obj("to", arr(obj("podSelector", obj("matchLabels", Suite.selector(callee)))),
                        "ports", arr(obj("protocol", "TCP", "port", httpPort(configs.get(callee)))))));

        ObjectNode policy = Nodes.object("networking.k8s.io/v1", "NetworkPolicy", service, Suite.labels(service));
        policy.set("spec", obj(
                "podSelector", obj("matchLabels", Suite.selector(service)),
                "policyTypes", arr("Ingress", "Egress"),
                "ingress", arr(obj("from", ingressFrom, "ports", arr(obj("protocol", "TCP", "port", port)))),
                "egress", egress));
        return policy;
    }

    static int httpPort(ServiceConfig config) {
        return Integer.parseInt(config.required("quarkus.http.port"));
    }
}
