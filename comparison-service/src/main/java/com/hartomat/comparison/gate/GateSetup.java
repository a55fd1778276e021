package com.hartomat.comparison.gate;

import com.hartomat.comparison.ComparisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;

/** The threshold catalogue from configuration; inconsistent thresholds stop the service at start-up. */
@ApplicationScoped
public class GateSetup {

    @Produces
    @ApplicationScoped
    ThresholdCatalog thresholds(ComparisonConfig config) {
        ComparisonConfig.Comparison c = config.comparison();
        Thresholds defaults = new Thresholds(c.passThreshold(), c.warnThreshold(), c.blendSizeTolerance());
        Map<String, Thresholds> perType = new HashMap<>();
        c.outputTypes().forEach((id, t) -> perType.put(id, new Thresholds(t.passThreshold().orElse(defaults.pass()),
                t.warnThreshold().orElse(defaults.warn()), t.blendSizeTolerance().orElse(defaults.blendSizeTolerance()))));
        return new ThresholdCatalog(defaults, perType);
    }
}
