package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a node's settings schema (JSON Schema draft-07, flat object, no additional properties). The schema is the
 * one place defaults live: {@link #defaultsOf(JsonNode)} reads them back out.
 */
public final class SettingsSchema {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode schema = F.objectNode();
    private final ObjectNode properties = F.objectNode();

    private SettingsSchema(String title) {
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", title);
        schema.put("type", "object");
        schema.set("properties", properties);
        schema.put("additionalProperties", false);
    }

    public static SettingsSchema object(String title) {
        return new SettingsSchema(title);
    }

    public SettingsSchema integer(String name, String title, Integer defaultValue, int minimum, int maximum) {
        ObjectNode p = property(name, "integer", title);
        p.put("minimum", minimum);
        p.put("maximum", maximum);
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    public SettingsSchema number(String name, String title, Double defaultValue, double minimum, double maximum) {
        ObjectNode p = property(name, "number", title);
        p.put("minimum", minimum);
        p.put("maximum", maximum);
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    /** A number that must be strictly positive (tessellation tolerances). */
    public SettingsSchema positiveNumber(String name, String title, double defaultValue, double maximum) {
        ObjectNode p = property(name, "number", title);
        p.put("exclusiveMinimum", 0);
        p.put("maximum", maximum);
        p.put("default", defaultValue);
        return this;
    }

    public SettingsSchema bool(String name, String title, boolean defaultValue) {
        property(name, "boolean", title).put("default", defaultValue);
        return this;
    }

    public SettingsSchema choice(String name, String title, String defaultValue, String... allowed) {
        ObjectNode p = property(name, "string", title);
        ArrayNode values = p.putArray("enum");
        for (String value : allowed) {
            values.add(value);
        }
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    public SettingsSchema text(String name, String title, String defaultValue, int maxLength) {
        ObjectNode p = property(name, "string", title);
        p.put("minLength", 1);
        p.put("maxLength", maxLength);
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    public SettingsSchema pattern(String name, String title, String defaultValue, String regex) {
        ObjectNode p = property(name, "string", title);
        p.put("pattern", regex);
        if (defaultValue != null) {
            p.put("default", defaultValue);
        }
        return this;
    }

    /** An array of numbers within bounds (e.g. camera azimuths of a multi-angle still). */
    public SettingsSchema numberList(String name, String title, List<Double> defaultValue, double minimum, double maximum,
            int maxItems) {
        ObjectNode p = property(name, "array", title);
        ObjectNode items = p.putObject("items");
        items.put("type", "number");
        items.put("minimum", minimum);
        items.put("maximum", maximum);
        p.put("maxItems", maxItems);
        if (defaultValue != null) {
            ArrayNode d = p.putArray("default");
            defaultValue.forEach(d::add);
        }
        return this;
    }

    /** An array of distinct choices (e.g. notification channels). */
    public SettingsSchema choiceList(String name, String title, List<String> defaultValue, String... allowed) {
        ObjectNode p = property(name, "array", title);
        ObjectNode items = p.putObject("items");
        items.put("type", "string");
        ArrayNode values = items.putArray("enum");
        for (String value : allowed) {
            values.add(value);
        }
        p.put("uniqueItems", true);
        p.put("maxItems", allowed.length);
        if (defaultValue != null) {
            ArrayNode d = p.putArray("default");
            defaultValue.forEach(d::add);
        }
        return this;
    }

    public SettingsSchema describe(String name, String description) {
        ((ObjectNode) properties.get(name)).put("description", description);
        return this;
    }

    public ObjectNode build() {
        return schema.deepCopy();
    }

    private ObjectNode property(String name, String type, String title) {
        if (properties.has(name)) {
            throw new IllegalStateException("duplicate settings field " + name);
        }
        ObjectNode p = properties.putObject(name);
        p.put("type", type);
        p.put("title", title);
        return p;
    }

    /** The defaults a schema declares, as plain Java values, in property order. */
    public static Map<String, Object> defaultsOf(JsonNode schema) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue().get("default");
            if (d != null) {
                defaults.put(e.getKey(), JsonValues.toJava(d));
            }
        }
        return defaults;
    }
}
