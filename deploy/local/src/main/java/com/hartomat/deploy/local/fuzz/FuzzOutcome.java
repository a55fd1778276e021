package com.hartomat.deploy.local.fuzz;

import java.util.List;
import java.util.Map;

/**
 * What a fuzz run found: how many requests were sent, per operation, and every response that broke the rules
 * (a 5xx, or a refusal without a JSON body carrying a stable {@code code}, including a bare 400 for a target with a
 * broken percent-escape).
 */
public record FuzzOutcome(String service, long seed, int requests, int operations, Map<String, Integer> perOperation,
        List<String> violations) {

    public String summary() {
        return service + ": " + requests + " malformed requests to " + operations + " operations (seed " + seed + "), "
                + violations.size() + " violations";
    }
}
