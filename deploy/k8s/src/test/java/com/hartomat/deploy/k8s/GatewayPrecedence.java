package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Which backend a Gateway API implementation sends a request path to, by the HTTPRoute precedence of the spec: an
 * {@code Exact} match first, then the {@code PathPrefix} with the most characters (prefixes match whole path
 * segments), then {@code RegularExpression} matches; remaining ties go to the route first by name (all routes are
 * created together, so creation time does not separate them), then to the first matching rule of that route.
 */
final class GatewayPrecedence {

    record Candidate(int tier, int prefixLength, String routeName, int rule, String service) {
    }

    private final List<Located> routes;

    GatewayPrecedence(List<Located> objects) {
        this.routes = objects.stream().filter(o -> o.kind().equals("HTTPRoute")).toList();
    }

    Optional<String> serviceFor(String path) {
        return routes.stream()
                .flatMap(route -> {
                    JsonNode rules = route.object().path("spec").path("rules");
                    return IntStream.range(0, rules.size()).boxed().flatMap(r -> {
                        JsonNode rule = rules.get(r);
                        String service = rule.path("backendRefs").path(0).path("name").asText();
                        return java.util.stream.StreamSupport.stream(rule.path("matches").spliterator(), false)
                                .map(m -> candidate(m.path("path"), path, route.name(), r, service))
                                .flatMap(Optional::stream);
                    });
                })
                .min(Comparator.comparingInt(Candidate::tier)
                        .thenComparing(Comparator.comparingInt(Candidate::prefixLength).reversed())
                        .thenComparing(Candidate::routeName)
                        .thenComparingInt(Candidate::rule))
                .map(Candidate::service);
    }

    private static Optional<Candidate> candidate(JsonNode match, String path, String route, int rule, String service) {
        String value = match.path("value").asText();
        return switch (match.path("type").asText("PathPrefix")) {
            case "Exact" -> path.equals(value) ? Optional.of(new Candidate(0, 0, route, rule, service)) : Optional.empty();
            case "PathPrefix" -> prefixMatches(value, path)
                    ? Optional.of(new Candidate(1, value.length(), route, rule, service)) : Optional.empty();
            case "RegularExpression" -> Pattern.compile(value).matcher(path).matches()
                    ? Optional.of(new Candidate(2, 0, route, rule, service)) : Optional.empty();
            default -> throw new IllegalArgumentException("unknown path match type " + match);
        };
    }

    /** Gateway API prefixes match element-wise: /api/orders matches /api/orders and /api/orders/x, not /api/ordersx. */
    static boolean prefixMatches(String prefix, String path) {
        String base = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
        return base.equals("/") || path.equals(base) || path.startsWith(base + "/");
    }
}
