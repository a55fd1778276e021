package com.hartomat.deploy.local;

import java.util.List;

/** The services of the suite and the PostgreSQL schema (and role) each one owns. */
public final class ServiceSchemas {

    public static final List<String> ALL = List.of("registry", "dispatch", "render_worker", "comparison");

    private ServiceSchemas() {
    }
}
