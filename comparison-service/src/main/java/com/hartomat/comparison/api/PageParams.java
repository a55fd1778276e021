package com.hartomat.comparison.api;

/** The {@code page} and {@code page_size} query parameters: whole numbers from 1 (400 otherwise), size capped. */
public record PageParams(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static PageParams of(String page, String size) {
        return new PageParams(positive(page, 1, "invalid_page", "/page"),
                Math.min(positive(size, DEFAULT_SIZE, "invalid_page_size", "/page_size"), MAX_SIZE));
    }

    private static int positive(String value, int absent, String code, String path) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(code, path.substring(1) + " must be a whole number from 1, got '" + value + "'", path);
    }
}
