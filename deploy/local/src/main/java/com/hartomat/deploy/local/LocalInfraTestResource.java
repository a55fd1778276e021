package com.hartomat.deploy.local;

import com.hartomat.deploy.local.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The one Quarkus test resource every service module uses: it points the application under test at
 * the JVM-wide {@link LocalInfra#shared() shared} PostgreSQL and Kafka, so a module's whole test run
 * uses one server and one broker, logging in as the service's own database role (named by the
 * {@value #SCHEMA} init argument) with the password generated for that server. It also makes the application trust the
 * test key pair that {@link TestTokens} signs with, so tests call the API with real, verified bearer tokens.
 * {@code -Dinfra=containers} is reserved for Testcontainers where a
 * Docker engine exists (see docs/testing.md); CI never uses it.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument naming the schema (and database role) of the service under test. */
    public static final String SCHEMA = "schema";

    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get(SCHEMA);
    }

    @Override
    public Map<String, String> start() {
        if (schema == null || schema.isBlank()) {
            throw new IllegalStateException("LocalInfraTestResource needs initArgs = @ResourceArg(name = \"schema\", "
                    + "value = <the service's schema>): each service logs in with its own role");
        }
        String mode = System.getProperty("infra", "local");
        if (!"local".equals(mode)) {
            throw new IllegalStateException("infra=" + mode + " is not available in this build; use infra=local");
        }
        Map<String, String> config = new HashMap<>(LocalInfra.shared().serviceConfig(schema));
        config.putAll(TestTokens.serviceConfig());
        return config;
    }

    @Override
    public void stop() {
        // the shared infrastructure stops with the JVM, after the last test class
    }
}
