package com.hartomat.registry;

import com.hartomat.deploy.local.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Points every {@code @QuarkusTest} of this module at the real PostgreSQL and Kafka of
 * deploy/local, shared by the whole module test run, logging in as the service's own database role.
 */
@QuarkusTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = LocalInfraTestResource.SCHEMA, value = "registry"))
public final class InfraTestResources {

    private InfraTestResources() {
    }
}
