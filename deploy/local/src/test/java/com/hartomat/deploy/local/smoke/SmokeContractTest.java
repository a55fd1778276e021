package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SmokeContractTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void savedRenderSettingsCoverTheContractWhenEveryWantedValueIsThereNumbersAsNumbers() throws Exception {
        JsonNode wanted = json("{\"width\": 64, \"duration_s\": 1.0, \"compress\": false}");
        assertTrue(SmokeContract.covers(json("{\"width\": 64.0, \"duration_s\": 1, \"compress\": false, \"engine\": \"cycles\"}"),
                wanted), "extra saved keys and 1 vs 1.0 do not matter");
        assertFalse(SmokeContract.covers(json("{\"width\": 65, \"duration_s\": 1, \"compress\": false}"), wanted));
        assertFalse(SmokeContract.covers(json("{\"width\": 64, \"duration_s\": 1}"), wanted), "a missing key drifts");
    }

    @Test
    void aStableNameIsFoundInAnArrayOrInAPagesItems() throws Exception {
        assertEquals("2", SmokeContract.byField(json("[{\"id\": \"1\", \"name\": \"a\"}, {\"id\": \"2\", \"name\": \"b\"}]"),
                "name", "b").path("id").asText());
        assertEquals("3", SmokeContract.byField(json("{\"items\": [{\"id\": \"3\", \"pim_id\": \"P\"}], \"total\": 1}"),
                "pim_id", "P").path("id").asText());
        assertNull(SmokeContract.byField(json("[]"), "name", "b"));
    }
}
