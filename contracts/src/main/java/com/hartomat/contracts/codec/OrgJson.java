package com.hartomat.contracts.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/** Hands a Jackson tree to the schema validator as the org.json values it reads, without printing and re-parsing. */
final class OrgJson {

    private OrgJson() {
    }

    static Object of(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                JSONObject object = new JSONObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    object.put(field.getKey(), of(field.getValue()));
                }
                return object;
            }
            case ARRAY -> {
                JSONArray array = new JSONArray();
                for (JsonNode element : node) {
                    array.put(of(element));
                }
                return array;
            }
            case STRING -> {
                return node.textValue();
            }
            case NUMBER -> {
                return node.numberValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NULL, MISSING -> {
                return JSONObject.NULL;
            }
            default -> {
                return node.asText();
            }
        }
    }
}
