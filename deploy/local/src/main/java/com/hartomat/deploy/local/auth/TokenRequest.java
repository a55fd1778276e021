package com.hartomat.deploy.local.auth;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./hartomat token --role operator --sub alice [--ttl 1h]}, parsed: one or more roles of the suite, a subject,
 * a lifetime ({@code 90s}, {@code 30m}, {@code 1h}, {@code 7d} or ISO-8601 such as {@code PT2H}; default 1 h).
 */
public record TokenRequest(String subject, List<String> roles, Duration ttl) {

    public static final Set<String> ROLES = Set.of("viewer", "author", "operator", "admin");
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public static TokenRequest parse(List<String> args) {
        String subject = null;
        List<String> roles = new ArrayList<>();
        Duration ttl = DEFAULT_TTL;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args.get(++i);
            switch (arg) {
                case "--sub" -> subject = value;
                case "--role" -> {
                    if (!ROLES.contains(value)) {
                        throw new IllegalArgumentException("unknown role '" + value + "' (viewer, author, operator, admin)");
                    }
                    roles.add(value);
                }
                case "--ttl" -> ttl = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("--sub is required (the subject the token names, e.g. alice)");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("--role is required (viewer, author, operator or admin)");
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("--ttl must be positive");
        }
        return new TokenRequest(subject, List.copyOf(roles), ttl);
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("--ttl '" + text + "': use 90s, 30m, 1h, 7d or PT2H");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--ttl '" + text + "': use 90s, 30m, 1h, 7d or PT2H");
        }
    }
}
