package com.hartomat.deploy.local.entry;

import java.util.Locale;
import java.util.Map;

/**
 * The upload size limit, {@code hartomat.uploads.max-bytes} (environment {@code HARTOMAT_UPLOADS_MAX_BYTES}): the
 * entry point refuses larger bodies on the table's upload routes, and dispatch-service reads the same key, so both
 * agree. Plain bytes; a {@code K}, {@code M} or {@code G} suffix (powers of 1024, as Quarkus' memory sizes) is
 * accepted too.
 */
public final class UploadLimit {

    public static final String KEY = "hartomat.uploads.max-bytes";
    public static final String ENVIRONMENT = "HARTOMAT_UPLOADS_MAX_BYTES";
    public static final long DEFAULT_BYTES = 256L * 1024 * 1024;

    private UploadLimit() {
    }

    public static long fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT);
        return value == null || value.isBlank() ? DEFAULT_BYTES : parse(value);
    }

    static long parse(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        long factor = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = factor == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits), factor);
            if (bytes <= 0) {
                throw new IllegalArgumentException(KEY + " must be positive, not " + value);
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(KEY + " (" + ENVIRONMENT + ") must be a number of bytes such as 268435456 or"
                    + " 256M, not '" + value + "'");
        }
    }
}
