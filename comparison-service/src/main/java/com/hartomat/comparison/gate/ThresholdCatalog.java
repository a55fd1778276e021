package com.hartomat.comparison.gate;

import java.util.Map;

/** The thresholds of each output type: its own where configured, the defaults for the rest. */
public final class ThresholdCatalog {

    private final Thresholds defaults;
    private final Map<String, Thresholds> perOutputType;

    public ThresholdCatalog(Thresholds defaults, Map<String, Thresholds> perOutputType) {
        this.defaults = defaults;
        this.perOutputType = Map.copyOf(perOutputType);
    }

    public Thresholds forOutputType(String outputTypeId) {
        return outputTypeId == null ? defaults : perOutputType.getOrDefault(outputTypeId, defaults);
    }

    public Thresholds defaults() {
        return defaults;
    }

    public Map<String, Thresholds> perOutputType() {
        return perOutputType;
    }
}
