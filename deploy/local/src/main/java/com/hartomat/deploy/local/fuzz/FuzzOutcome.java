package com.hartomat.deploy.local.fuzz;

import java.util.List;
import java.util.Map;

/**
 * What a fuzz run found: how many requests were sent, per operation, and every response that broke the rules
 * (a 5xx, or a refusal without a JSON body carrying a stable {@code code}). {@code undecodableTargets} lists the
 * requests whose path or query holds a broken percent-escape ({@code %ZZ}): Vert.x refuses them with a 400 without a
 * body before any route or failure handler of the service runs (a known gap, see docs/security.md); they are counted
 * apart, not as violations, and any other answer to them is checked like every other.
 */
public record FuzzOutcome(String service, long seed, int requests, int operations, Map<String, Integer> perOperation,
        List<String> violations, List<String> undecodableTargets) {

    public String summary() {
        return service + ": " + requests + " malformed requests to " + operations + " operations (seed " + seed + "), "
                + violations.size() + " violations, " + undecodableTargets.size()
                + " undecodable targets refused by the HTTP layer with a bare 400";
    }
}
