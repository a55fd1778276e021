package com.hartomat.dispatch;

import com.hartomat.deploy.local.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Points every {@code @QuarkusTest} of this module at the real PostgreSQL and Kafka of
 * deploy/local, shared by the whole module test run.
 */
@QuarkusTestResource(LocalInfraTestResource.class)
public final class InfraTestResources {

    private InfraTestResources() {
    }
}
