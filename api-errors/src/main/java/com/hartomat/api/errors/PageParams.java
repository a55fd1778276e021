package com.hartomat.api.errors;

/**
 * The {@code page} and {@code page_size} query parameters of a list endpoint: whole numbers, {@code page} from 1 to
 * {@link #MAX_PAGE}, {@code page_size} from 1 (capped at the endpoint's maximum); anything else is a 400
 * ({@code invalid_page}, {@code invalid_page_size}). The offset is computed in {@code long}, so no page number can
 * overflow it.
 */
public record PageParams(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** Far beyond any real listing; bounds the offset a client can make the database skip. */
    public static final int MAX_PAGE = 1_000_000;

    public static PageParams of(String page, String size) {
        return of(page, size, MAX_SIZE);
    }

    public static PageParams of(String page, String size, int maxSize) {
        return new PageParams((int) whole(page, 1, MAX_PAGE, "invalid_page", "page"),
                (int) Math.min(whole(size, DEFAULT_SIZE, Long.MAX_VALUE, "invalid_page_size", "page_size"), maxSize));
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    private static long whole(String value, long absent, long max, String code, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(code, name + " must be a whole number from 1" + (max == Long.MAX_VALUE ? ""
                : " to " + max) + ", got '" + value + "'", "/" + name);
    }
}
