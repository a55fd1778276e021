package com.hartomat.dispatch.support;

import io.quarkus.test.common.QuarkusTestResource;

/** The fake registry, shared by every {@code @QuarkusTest} of the module (one application boot). */
@QuarkusTestResource(FakeRegistry.class)
public final class TestResources {

    private TestResources() {
    }
}
