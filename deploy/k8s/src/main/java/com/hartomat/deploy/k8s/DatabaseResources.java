package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL through CloudNativePG: one {@code Cluster}, database {@code hartomat}, one role and one schema per
 * service (as deploy/local creates them). The roles and schemas are created when the cluster is initialised; the
 * roles' passwords are managed by the operator from the Secrets {@code <service>-db} (basic-auth: username,
 * password), which the services read too.
 */
public final class DatabaseResources {

    private DatabaseResources() {
    }

    public static List<ObjectNode> render(Map<String, ServiceConfig> configs, Environment env) {
        ArrayNode initSql = arr("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        ArrayNode roles = arr();
        for (ServiceConfig config : configs.values()) {
            String schema = Suite.schema(config);
            initSql.add("CREATE ROLE " + schema + " LOGIN");
            initSql.add("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
            roles.add(obj("name", schema, "ensure", "present", "login", true,
                    "passwordSecret", obj("name", Suite.dbSecret(config.service()))));
        }
        ObjectNode cluster = Nodes.object("postgresql.cnpg.io/v1", "Cluster", Suite.DB_CLUSTER, Suite.labels(Suite.DB_CLUSTER));
        cluster.set("spec", obj(
                "instances", env.postgres().path("instances").asInt(),
                "storage", obj("size", env.postgres().path("storage").asText()),
                "bootstrap", obj("initdb", obj(
                        "database", Suite.DB_NAME,
                        "owner", Suite.DB_NAME,
                        "postInitApplicationSQL", initSql)),
                "managed", obj("roles", roles)));
        return List.of(cluster);
    }
}
