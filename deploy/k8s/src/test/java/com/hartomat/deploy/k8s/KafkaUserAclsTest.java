package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each service's KafkaUser grants exactly what the service consumes, produces and dead-letters. */
class KafkaUserAclsTest {

    @Test
    void theRenderWorkerReadsJobsInItsGroupWritesEventsAndDeadLettersJobs() {
        assertEquals(Set.of(
                "topic render.jobs.v1 literal [Describe, Read]",
                "topic render.control.v1 literal [Describe, Read]",
                "topic render.jobs.v1.dlq literal [Describe, Write]",
                "topic render.events.v1 literal [Describe, Write]",
                "group render-worker literal [Read]"), acls("render-worker"));
    }

    @Test
    void dispatchConsumesThreeTopicsInItsGroupAndTheRunFeedInPerStartGroups() {
        assertEquals(Set.of(
                "topic registry.changes.v1 literal [Describe, Read]",
                "topic registry.changes.v1.dlq literal [Describe, Write]",
                "topic render.events.v1 literal [Describe, Read]",
                "topic render.events.v1.dlq literal [Describe, Write]",
                "topic comparison.verdicts.v1 literal [Describe, Read]",
                "topic comparison.verdicts.v1.dlq literal [Describe, Write]",
                "topic runs.status.v1 literal [Describe, Read, Write]",
                "topic render.jobs.v1 literal [Describe, Write]",
                "topic comparison.requests.v1 literal [Describe, Write]",
                "topic render.control.v1 literal [Describe, Write]",
                "group dispatch-service literal [Read]",
                "group dispatch-run-feed- prefix [Read]"), acls("dispatch-service"));
    }

    @Test
    void theRegistryOnlyWritesItsChanges() {
        assertEquals(Set.of("topic registry.changes.v1 literal [Describe, Write]"), acls("workflow-registry"));
    }

    @Test
    void comparisonReadsRequestsAndWritesVerdicts() {
        assertEquals(Set.of(
                "topic comparison.requests.v1 literal [Describe, Read]",
                "topic comparison.requests.v1.dlq literal [Describe, Write]",
                "topic comparison.verdicts.v1 literal [Describe, Write]",
                "group comparison-service literal [Read]"), acls("comparison-service"));
    }

    private static Set<String> acls(String service) {
        JsonNode user = Repository.committed("prod").stream()
                .filter(o -> o.kind().equals("KafkaUser") && o.name().equals(service))
                .findFirst().orElseThrow().object();
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            List<String> ops = new java.util.ArrayList<>();
            acl.path("operations").forEach(op -> ops.add(op.asText()));
            acls.add(acl.path("resource").path("type").asText() + " " + acl.path("resource").path("name").asText() + " "
                    + acl.path("resource").path("patternType").asText() + " " + ops);
        }
        return acls;
    }
}
