package com.hartomat.deploy.local;

import java.util.List;
import java.util.Map;

/** The services of the suite and the PostgreSQL schema (and role) each one owns. */
public final class ServiceSchemas {

    public static final List<String> ALL = List.of("registry", "dispatch", "render_worker", "comparison");

    private static final Map<String, String> BY_MODULE = Map.of("workflow-registry", "registry",
            "dispatch-service", "dispatch", "render-worker", "render_worker", "comparison-service", "comparison");

    private ServiceSchemas() {
    }

    /** The schema (and role) of a service by its module name ({@code dispatch-service} → {@code dispatch}). */
    public static String ofModule(String module) {
        String schema = BY_MODULE.get(module);
        if (schema == null) {
            throw new IllegalArgumentException("no service module '" + module + "'; known: " + BY_MODULE.keySet());
        }
        return schema;
    }
}
