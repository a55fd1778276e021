package com.hartomat.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every service's CDI ObjectMapper reads JSON with. */
class StrictJsonTest {

    record Named(String name, Integer count, Boolean active) {
    }

    private static final ObjectMapper MAPPER = StrictJson.apply(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"123", "1.5", "1e999", "true", "false"})
    void aNumberOrBooleanWhereAStringIsExpectedIsRefusedAtItsPath(String value) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> MAPPER.readValue("{\"name\":" + value + "}", Named.class));
        assertEquals(String.class, e.getTargetType());
        assertEquals("name", e.getPath().get(0).getFieldName());
        assertEquals("name must be a string", JsonShapes.message("/name", e));
    }

    @Test
    void stringsNumbersAndBooleansWhereTheyAreExpectedAreRead() throws Exception {
        assertEquals(new Named("N", 3, true), MAPPER.readValue("{\"name\":\"N\",\"count\":3,\"active\":true}",
                Named.class));
    }

    @Test
    void treesAndMapsKeepValuesAsSent() throws Exception {
        JsonNode tree = MAPPER.readTree("{\"width\":1920,\"name\":123,\"flag\":true}");
        assertEquals(1920, tree.get("width").intValue());
        assertEquals(123, tree.get("name").intValue());
        Map<String, Object> map = MAPPER.readValue("{\"width\":1920,\"flag\":true}", new TypeReference<>() { });
        assertEquals(Map.of("width", 1920, "flag", true), map);
    }

    @Test
    void aRepeatedMemberIsMalformed() {
        assertThrows(JsonParseException.class, () -> MAPPER.readValue("{\"name\":\"a\",\"name\":\"b\"}", Named.class));
    }

    @Test
    void theCustomizerAppliesTheSameRules() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\":true}", Named.class));
    }
}
