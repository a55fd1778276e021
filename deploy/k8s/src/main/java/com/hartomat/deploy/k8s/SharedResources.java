package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ConfigMaps the services read their addresses from, and the artifact volume they share. */
public final class SharedResources {

    private SharedResources() {
    }

    public static List<ObjectNode> render(Map<String, ServiceConfig> configs, Environment env) {
        return List.of(sharedConfig(configs, env), workerConfig(configs.get(Suite.WORKER)), artifactsClaim(env));
    }

    /**
     * Addresses every service reads by environment variable (docs/configuration.md): PostgreSQL, Kafka (with the
     * SASL mechanism of the Strimzi listener; each service's credentials come from its KafkaUser's Secret), the
     * artifact root, the peers the REST clients call, and the identity provider whose tokens every service verifies
     * (issuer, audience, JWKS URL: docs/security.md) and the console's client there.
     */
    static ObjectNode sharedConfig(Map<String, ServiceConfig> configs, Environment env) {
        TreeMap<String, String> data = new TreeMap<>();
        data.put("HARTOMAT_DB_HOST", Suite.DB_HOST);
        data.put("HARTOMAT_DB_PORT", String.valueOf(Suite.DB_PORT));
        data.put("HARTOMAT_DB_NAME", Suite.DB_NAME);
        data.put("HARTOMAT_STORAGE_ROOT", Suite.ARTIFACTS_PATH);
        data.put("KAFKA_BOOTSTRAP_SERVERS", Suite.KAFKA_BOOTSTRAP);
        data.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        data.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        data.put("HARTOMAT_AUTH_ISSUER", env.auth().path("issuer").asText());
        data.put("HARTOMAT_AUTH_AUDIENCE", env.auth().path("audience").asText());
        data.put("HARTOMAT_AUTH_JWKS", env.auth().path("jwks_url").asText());
        // the console signs users in at the same provider, as its public client (docs/console.md#signing-in)
        data.put("HARTOMAT_CONSOLE_OIDC_ISSUER", env.auth().path("issuer").asText());
        data.put("HARTOMAT_CONSOLE_OIDC_CLIENT_ID", env.auth().path("console_client_id").asText("hartomat-console"));
        // on a cluster a calling service obtains its service token from the identity provider (client credentials)
        data.put("HARTOMAT_AUTH_CLIENT_CREDENTIALS", "true");
        for (Peers.Call call : Peers.of(configs)) {
            data.put(envName(call.urlKey()), "http://" + call.callee());
        }
        ObjectNode map = Nodes.object("v1", "ConfigMap", Suite.SHARED_CONFIG, Suite.labels(Suite.SHARED_CONFIG));
        map.set("data", Nodes.of(data));
        return map;
    }

    /** The render worker's own settings: its scratch directory and the shutdown grace the pod's grace period is made of. */
    static ObjectNode workerConfig(ServiceConfig worker) {
        TreeMap<String, String> data = new TreeMap<>();
        data.put("HARTOMAT_WORKER_WORK_DIR", Suite.WORKER_WORK_DIR);
        data.put("HARTOMAT_WORKER_SHUTDOWN_GRACE", worker.required("hartomat.worker.shutdown-grace"));
        String name = Suite.WORKER + "-config";
        ObjectNode map = Nodes.object("v1", "ConfigMap", name, Suite.labels(Suite.WORKER));
        map.set("data", Nodes.of(data));
        return map;
    }

    static ObjectNode artifactsClaim(Environment env) {
        ObjectNode claim = Nodes.object("v1", "PersistentVolumeClaim", Suite.ARTIFACTS_CLAIM, Suite.labels(Suite.ARTIFACTS_CLAIM));
        claim.set("spec", obj(
                "accessModes", arr("ReadWriteMany"),
                "storageClassName", env.artifacts().has("storage_class") ? env.artifacts().path("storage_class").asText() : null,
                "resources", obj("requests", obj("storage", env.artifacts().path("size").asText()))));
        return claim;
    }

    /** How Quarkus maps a key to an environment variable: upper case, every other character an underscore. */
    static String envName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
