package com.hartomat.deploy.local.entry;

import java.util.regex.Pattern;

/** One {@code location} of the generated nginx configuration, and the route it serves (null: the catch-all). */
record NginxLocation(Kind kind, String pattern, RouteTable.Route route) {

    /** nginx's location modifiers as the generator uses them. */
    enum Kind {
        /** {@code location = /path} */
        EXACT("= "),
        /** {@code location /path} (no {@code ^~}: regex locations are still consulted) */
        PREFIX(""),
        /** {@code location ~ regex} (case-sensitive) */
        REGEX("~ ");

        final String modifier;

        Kind(String modifier) {
            this.modifier = modifier;
        }
    }

    boolean matches(String uri) {
        return switch (kind) {
            case EXACT -> uri.equals(pattern);
            case PREFIX -> uri.startsWith(pattern);
            case REGEX -> Pattern.compile(pattern).matcher(uri).find();
        };
    }
}
