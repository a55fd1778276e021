package com.hartomat.dispatch.publication;

/**
 * A satisfiable single byte range of content of a known length, and how a {@code Range} request header is answered
 * (RFC 9110 §14). One range is served as 206; a header this service does not serve (another unit, several ranges,
 * malformed) is ignored and the whole content is sent as 200, which the RFC allows; a range that starts at or past
 * the end (or a zero-length suffix) is 416.
 */
public record ByteRange(long first, long last) {

    /** The answer to a Range header. */
    public sealed interface Answer permits Whole, Partial, Unsatisfiable {
    }

    public record Whole() implements Answer {
    }

    public record Partial(ByteRange range) implements Answer {
    }

    public record Unsatisfiable() implements Answer {
    }

    private static final Whole WHOLE = new Whole();
    private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of this range of {@code total} bytes. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** The {@code Content-Range} value of a 416 answer. */
    public static String unsatisfied(long total) {
        return "bytes */" + total;
    }

    public static Answer answer(String header, long total) {
        if (header == null || header.isBlank()) {
            return WHOLE;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (!digits(from) || !digits(to) || (from.isEmpty() && to.isEmpty())) {
            return WHOLE;
        }
        if (from.isEmpty()) {
            long suffix = number(to);
            if (suffix == 0 || total == 0) {
                return UNSATISFIABLE;
            }
            return new Partial(new ByteRange(Math.max(0, total - suffix), total - 1));
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return WHOLE;
        }
        if (first >= total) {
            return UNSATISFIABLE;
        }
        return new Partial(new ByteRange(first, Math.min(last, total - 1)));
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A run of digits as a number; one beyond {@code long} saturates (a position no file reaches). */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
