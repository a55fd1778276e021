package com.hartomat.workflow.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A node's explicit params over its step's defaults, as an immutable map view: lookups never copy the defaults, so
 * analysing a large graph allocates only what the nodes themselves set. Iteration order: defaults in schema order
 * (overridden where set), then explicit params the schema does not declare.
 */
final class MergedParams extends AbstractMap<String, Object> {

    private final Map<String, Object> defaults;
    private final Map<String, Object> explicit;
    private Set<Entry<String, Object>> entries;

    MergedParams(Map<String, Object> defaults, Map<String, Object> explicit) {
        this.defaults = defaults;
        this.explicit = explicit;
    }

    @Override
    public Object get(Object key) {
        return explicit.containsKey(key) ? explicit.get(key) : defaults.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return explicit.containsKey(key) || defaults.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (entries == null) {
            Map<String, Object> merged = new LinkedHashMap<>(defaults);
            merged.putAll(explicit);
            entries = Collections.unmodifiableMap(merged).entrySet();
        }
        return entries;
    }
}
