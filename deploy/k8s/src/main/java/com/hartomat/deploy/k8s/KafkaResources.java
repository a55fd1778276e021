package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.k8s.ServiceConfig.Consumption;
import com.hartomat.deploy.k8s.TopicCatalogue.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kafka through Strimzi: a KRaft {@code Kafka} with the environment's node pools, a {@code KafkaTopic} per topic of the
 * contracts' catalogue and per dead-letter topic, and a {@code KafkaUser} per service whose ACLs grant exactly what the
 * service consumes (topic and group, from its configuration), produces ({@code hartomat.deploy.kafka-produces}) and
 * dead-letters (the {@code .dlq} of every topic it consumes).
 */
public final class KafkaResources {

    private static final String API = "kafka.strimzi.io/v1beta2";

    private KafkaResources() {
    }

    public static List<ObjectNode> render(Map<String, ServiceConfig> configs, List<Topic> topics, Environment env) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(kafka(env));
        for (JsonNode pool : env.kafka().path("node_pools")) {
            objects.add(nodePool(pool));
        }
        for (Topic topic : topics) {
            objects.add(topic(topic.name(), topic.partitions(), topic.compacted(), env.kafka().path("retention"), env));
            objects.add(topic(topic.deadLetterTopic(), 1, false, env.kafka().path("dead_letter_retention"), env));
        }
        Map<String, String> deadLetterOf = new LinkedHashMap<>();
        topics.forEach(t -> deadLetterOf.put(t.name(), t.deadLetterTopic()));
        for (ServiceConfig config : configs.values()) {
            objects.add(user(config, deadLetterOf));
        }
        return objects;
    }

    private static ObjectNode kafka(Environment env) {
        ObjectNode kafka = Nodes.object(API, "Kafka", Suite.KAFKA_CLUSTER, Suite.labels(Suite.KAFKA_CLUSTER));
        ((ObjectNode) kafka.path("metadata")).set("annotations",
                obj("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"));
        String rf = env.kafka().path("replication_factor").asText();
        String minIsr = env.kafka().path("min_insync_replicas").asText();
        TreeMap<String, Object> config = new TreeMap<>();
        config.put("default.replication.factor", Integer.parseInt(rf));
        config.put("min.insync.replicas", Integer.parseInt(minIsr));
        config.put("offsets.topic.replication.factor", Integer.parseInt(rf));
        config.put("transaction.state.log.replication.factor", Integer.parseInt(rf));
        config.put("transaction.state.log.min.isr", Integer.parseInt(minIsr));
        config.put("auto.create.topics.enable", false);
        kafka.set("spec", obj(
                "kafka", obj(
                        "listeners", arr(obj(
                                "name", "plain", "port", Suite.KAFKA_PORT, "type", "internal", "tls", false,
                                "authentication", obj("type", "scram-sha-512"),
                                // the suite's pods and KEDA (which reads the worker group's lag) reach the brokers
                                "networkPolicyPeers", arr(
                                        obj("podSelector", obj("matchLabels", obj("app.kubernetes.io/part-of", Suite.PART_OF))),
                                        obj("namespaceSelector", obj("matchLabels",
                                                obj("kubernetes.io/metadata.name", env.json().path("keda_namespace").asText("keda"))))))),
                        "authorization", obj("type", "simple"),
                        "config", config),
                "entityOperator", obj("topicOperator", obj(), "userOperator", obj())));
        return kafka;
    }

    private static ObjectNode nodePool(JsonNode pool) {
        String name = pool.path("name").asText();
        Map<String, String> labels = Suite.labels(Suite.KAFKA_CLUSTER);
        labels.put("strimzi.io/cluster", Suite.KAFKA_CLUSTER);
        ObjectNode nodePool = Nodes.object(API, "KafkaNodePool", name, labels);
        nodePool.set("spec", obj(
                "replicas", pool.path("replicas").asInt(),
                "roles", pool.path("roles"),
                "storage", obj("type", "jbod", "volumes", arr(obj(
                        "id", 0, "type", "persistent-claim", "size", pool.path("storage").asText(),
                        "deleteClaim", false, "kraftMetadata", "shared")))));
        return nodePool;
    }

    private static ObjectNode topic(String name, int partitions, boolean compacted, JsonNode retention, Environment env) {
        Map<String, String> labels = Suite.labels(Suite.KAFKA_CLUSTER);
        labels.put("strimzi.io/cluster", Suite.KAFKA_CLUSTER);
        ObjectNode topic = Nodes.object(API, "KafkaTopic", name, labels);
        TreeMap<String, Object> config = new TreeMap<>();
        config.put("cleanup.policy", compacted ? "compact" : "delete");
        if (!compacted) {
            config.put("retention.ms", String.valueOf(Environment.duration(retention).toMillis()));
        }
        config.put("min.insync.replicas", env.kafka().path("min_insync_replicas").asInt());
        topic.set("spec", obj("topicName", name, "partitions", partitions,
                "replicas", env.kafka().path("replication_factor").asInt(), "config", config));
        return topic;
    }

    /** The ACLs of one service; the KafkaUser's Secret (same name) holds its SCRAM password and JAAS configuration. */
    static ObjectNode user(ServiceConfig config, Map<String, String> deadLetterOf) {
        TreeMap<String, TreeSet<String>> topicOps = new TreeMap<>();
        TreeMap<String, TreeSet<String>> groups = new TreeMap<>();
        TreeSet<String> groupPrefixes = new TreeSet<>();
        for (Consumption consumption : config.consumptions()) {
            topicOps.computeIfAbsent(consumption.topic(), t -> new TreeSet<>()).addAll(List.of("Describe", "Read"));
            String deadLetter = deadLetterOf.get(consumption.topic());
            if (deadLetter == null) {
                throw new IllegalStateException(config.service() + " consumes " + consumption.topic()
                        + ", which is not in the contracts' topic catalogue");
            }
            // records of a consumer that does not commit (per-start groups, no group) are only logged, never dead-lettered
            if (consumption.group() == null) {
                continue;
            }
            if (!consumption.groupIsPrefix()) {
                topicOps.computeIfAbsent(deadLetter, t -> new TreeSet<>()).addAll(List.of("Describe", "Write"));
                groups.computeIfAbsent(consumption.group(), g -> new TreeSet<>()).add("Read");
            } else {
                groupPrefixes.add(consumption.group());
            }
        }
        for (String topic : config.produces()) {
            topicOps.computeIfAbsent(topic, t -> new TreeSet<>()).addAll(List.of("Describe", "Write"));
        }
        ArrayNode acls = Nodes.arr();
        topicOps.forEach((topic, ops) -> acls.add(acl("topic", topic, "literal", ops)));
        groups.forEach((group, ops) -> acls.add(acl("group", group, "literal", ops)));
        groupPrefixes.forEach(prefix -> acls.add(acl("group", prefix, "prefix", new TreeSet<>(List.of("Read")))));
        Map<String, String> labels = Suite.labels(config.service());
        labels.put("strimzi.io/cluster", Suite.KAFKA_CLUSTER);
        ObjectNode user = Nodes.object(API, "KafkaUser", config.service(), labels);
        user.set("spec", obj("authentication", obj("type", "scram-sha-512"),
                "authorization", obj("type", "simple", "acls", acls)));
        return user;
    }

    private static ObjectNode acl(String type, String name, String patternType, TreeSet<String> operations) {
        return obj("resource", obj("type", type, "name", name, "patternType", patternType),
                "operations", Nodes.of(new ArrayList<>(operations)));
    }
}
