package com.hartomat.deploy.k8s;

import com.hartomat.deploy.k8s.RouteTable.Match;
import com.hartomat.deploy.k8s.RouteTable.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the route table (most specific route first, as nginx's ordered regex locations read it) into Gateway API path
 * matches that give the same answer under Gateway API's own precedence: an {@code Exact} match first, then the
 * longest {@code PathPrefix}, then {@code RegularExpression} matches (ties: the first matching rule of the route).
 *
 * <p>A prefix or exact route listed after a regex route it overlaps would win over that regex in Gateway API, although
 * the table says the regex is more specific (e.g. {@code /api/workflows/runs} would take
 * {@code /api/workflows/runs/{id}/comparison} away from comparison-service). Such a route is expressed as an equivalent
 * regular expression instead, so that it competes with the regex routes in table order.
 */
public final class RouteTranslation {

    public record PathMatch(Route route, String type, String value) {

        public boolean regex() {
            return "RegularExpression".equals(type);
        }
    }

    private RouteTranslation() {
    }

    public static List<PathMatch> translate(List<Route> routes) {
        List<PathMatch> matches = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            List<Route> earlierRegexes = routes.subList(0, i).stream().filter(r -> r.match() == Match.REGEX).toList();
            matches.add(switch (route.match()) {
                case REGEX -> new PathMatch(route, "RegularExpression", route.path());
                case PREFIX -> earlierRegexes.stream().anyMatch(r -> underPrefix(literalPrefix(r.path()), route.path()))
                        ? new PathMatch(route, "RegularExpression", "^" + escape(route.path()) + "(/.*)?$")
                        : new PathMatch(route, "PathPrefix", route.path());
                case EXACT -> earlierRegexes.stream().anyMatch(r -> Pattern.compile(r.path()).matcher(route.path()).find())
                        ? new PathMatch(route, "RegularExpression", "^" + escape(route.path()) + "$")
                        : new PathMatch(route, "Exact", route.path());
            });
        }
        return matches;
    }

    /** Whether a path starting with {@code literal} can lie under {@code prefix} (Gateway API prefixes match whole segments). */
    static boolean underPrefix(String literal, String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return literal.equals(base) || literal.startsWith(base + "/");
    }

    /** The fixed text a regular expression's matches start with: after {@code ^}, up to the first metacharacter. */
    static String literalPrefix(String regex) {
        StringBuilder literal = new StringBuilder();
        for (int i = regex.startsWith("^") ? 1 : 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if ("\\.[]()*+?{}|$^".indexOf(c) >= 0) {
                break;
            }
            literal.append(c);
        }
        // a quantifier applies to the character before it, which is then not fixed
        String rest = regex.substring((regex.startsWith("^") ? 1 : 0) + literal.length());
        if (!literal.isEmpty() && (rest.startsWith("?") || rest.startsWith("*") || rest.startsWith("{"))) {
            literal.setLength(literal.length() - 1);
        }
        return literal.toString();
    }

    static String escape(String path) {
        StringBuilder escaped = new StringBuilder();
        for (char c : path.toCharArray()) {
            if ("\\.[]()*+?{}|$^".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
