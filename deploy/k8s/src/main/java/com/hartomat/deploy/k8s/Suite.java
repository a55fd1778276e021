package com.hartomat.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names the manifests share: the services, their schemas, the clusters they run on. */
public final class Suite {

    public static final List<String> SERVICES = List.of("workflow-registry", "dispatch-service", "render-worker", "comparison-service");
    public static final String WORKER = "render-worker";
    public static final String PART_OF = "hartomat";
    public static final String KAFKA_CLUSTER = "hartomat-kafka";
    public static final String KAFKA_BOOTSTRAP = KAFKA_CLUSTER + "-kafka-bootstrap:9092";
    public static final int KAFKA_PORT = 9092;
    public static final String DB_CLUSTER = "hartomat-db";
    /** CloudNativePG's read-write Service of the cluster. */
    public static final String DB_HOST = DB_CLUSTER + "-rw";
    public static final String DB_NAME = "hartomat";
    public static final int DB_PORT = 5432;
    public static final String SHARED_CONFIG = "hartomat-config";
    public static final String ARTIFACTS_CLAIM = "hartomat-artifacts";
    public static final String ARTIFACTS_PATH = "/var/lib/hartomat/artifacts";
    public static final String WORKER_WORK_DIR = "/var/tmp/hartomat-render-worker";
    public static final String GATEWAY = "hartomat";

    private Suite() {
    }

    /** The PostgreSQL schema and role a service owns (deploy/local's ServiceSchemas, the services' hartomat.db.user). */
    public static String schema(ServiceConfig config) {
        return config.required("hartomat.db.user");
    }

    /** The Secret holding a service's database role (username, password); the operator creates it. */
    public static String dbSecret(String service) {
        return service + "-db";
    }

    public static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", name);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        labels.put("app.kubernetes.io/managed-by", "deploy-k8s");
        return labels;
    }

    /** The labels Quarkus puts into a service's selector. */
    public static Map<String, String> selector(String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", service);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        return labels;
    }
}
