package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.runtime.WorkflowPlanner;
import com.hartomat.dispatch.support.Graphs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A retry's params are the run's params with the edits laid over, checked by the registry's settings schemas. */
class RetryParamsTest {

    final WorkflowPlanner planner = new WorkflowPlanner();
    final WorkflowPlanner.Plan plan = planner.plan(Graphs.still("graph", 64, 64, true, false));
    final RetryParams params = new RetryParams(planner);

    @Test
    void editsAreLaidOverTheRunsParamsAndNullRemovesAKey() {
        Map<String, Object> current = new LinkedHashMap<>(Map.of("width", 64, "height", 64));
        Map<String, Object> edits = new HashMap<>();
        edits.put("width", 32);
        edits.put("height", null);
        Map<String, Object> merged = params.apply(plan, "render", current, edits);
        assertEquals(32, merged.get("width"));
        assertFalse(merged.containsKey("height"));
        assertEquals(64, current.get("width"), "the run's params are not changed in place");
    }

    @Test
    void aValueTheSettingsSchemaRefusesIs422WithItsPathUnderParams() {
        ApiException e = assertThrows(ApiException.class, () -> params.apply(plan, "render",
                Map.of("width", 64), Map.of("width", "wide")));
        assertEquals(422, e.status());
        assertEquals("/params/width", e.path());
    }

    @Test
    void anUnknownParamIsRefusedWithItsPath() {
        ApiException e = assertThrows(ApiException.class, () -> params.apply(plan, "render", Map.of(),
                Map.of("no_such_setting", 1)));
        assertEquals("unknown_param", e.code());
        assertEquals("/params/no_such_setting", e.path());
    }
}
