package com.hartomat.dispatch.context;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells whether an upload is a STEP file (ISO 10303-21, "Part 21") before it is stored, and if not, why: the
 * {@code ISO-10303-21;} opening, a {@code HEADER} section naming its {@code FILE_SCHEMA}, a {@code DATA} section with
 * at least one entity instance ({@code #1=...;}), and the closing {@code END-ISO-10303-21;}.
 *
 * <p>Hand-written because no maintained Java library reads Part 21 short of a full STEP toolkit (JSDAI, OpenCASCADE
 * bindings), and this only needs the file's statement structure: one streaming pass over its statements, skipping
 * comments and quoted strings (which may contain {@code ;}), keeping no more than the head of each statement in memory.
 * The worker's geometry import still judges the content.
 */
public final class StepFileCheck {

    private static final int HEAD = 64;

    private StepFileCheck() {
    }

    /** Why the stream is not a STEP file, or empty when it is one. */
    public static Optional<String> problem(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset(); // no UTF-8 byte order mark to skip
        }
        Statements statements = new Statements(in);
        String first = statements.next();
        if (first == null || !first.equals("ISO-10303-21")) {
            return Optional.of("the file does not start with 'ISO-10303-21;': it is not a STEP (ISO 10303-21) file");
        }
        String s = statements.next();
        if (!"HEADER".equals(s)) {
            return Optional.of("the file has no HEADER section after 'ISO-10303-21;'");
        }
        boolean schema = false;
        while ((s = statements.next()) != null && !s.equals("ENDSEC")) {
            schema |= keyword(s).equals("FILE_SCHEMA");
        }
        if (s == null) {
            return Optional.of("the HEADER section is not closed by 'ENDSEC;' (truncated file?)");
        }
        if (!schema) {
            return Optional.of("the HEADER section names no FILE_SCHEMA");
        }
        boolean data = false;
        long entities = 0;
        while ((s = statements.next()) != null) {
            String keyword = keyword(s);
            if (keyword.equals("END-ISO-10303-21")) {
                break;
            }
            if (!keyword.equals("DATA")) {
                return Optional.of("expected a DATA section or 'END-ISO-10303-21;', found '" + shown(s) + "'");
            }
            data = true;
            while ((s = statements.next()) != null && !s.equals("ENDSEC")) {
                if (!s.startsWith("#")) {
                    return Optional.of("the DATA section holds '" + shown(s) + "', which is no entity instance (#n=...)");
                }
                entities++;
            }
            if (s == null) {
                return Optional.of("a DATA section is not closed by 'ENDSEC;' (truncated file?)");
            }
        }
        if (!data) {
            return Optional.of("the file has no DATA section");
        }
        if (entities == 0) {
            return Optional.of("the DATA section holds no entity instance");
        }
        if (s == null) {
            return Optional.of("the file does not end with 'END-ISO-10303-21;' (truncated file?)");
        }
        if (statements.unterminated()) {
            return Optional.of("the file ends inside a string or comment (truncated file?)");
        }
        return Optional.empty();
    }

    private static String keyword(String statement) {
        int end = 0;
        while (end < statement.length() && (Character.isLetterOrDigit(statement.charAt(end)) || statement.charAt(end) == '_'
                || statement.charAt(end) == '-')) {
            end++;
        }
        return statement.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String shown(String statement) {
        return statement.length() > 40 ? statement.substring(0, 40) + "…" : statement;
    }

    /** The file's statements (up to each {@code ;} outside strings and comments), whitespace removed, heads only. */
    private static final class Statements {
        private final InputStream in;
        private boolean unterminated;

        Statements(InputStream in) {
            this.in = in;
        }

        boolean unterminated() {
            return unterminated;
        }

        String next() throws IOException {
            StringBuilder head = new StringBuilder();
            boolean any = false;
            int c;
            while ((c = in.read()) >= 0) {
                if (c == ';') {
                    return head.toString();
                }
                if (c == '\'') {
                    if (!skipString()) {
                        unterminated = true;
                        return null;
                    }
                    append(head, '\'');
                    any = true;
                    continue;
                }
                if (c == '/') {
                    in.mark(1);
                    if (in.read() == '*') {
                        if (!skipComment()) {
                            unterminated = true;
                            return null;
                        }
                        continue;
                    }
                    in.reset();
                }
                if (!Character.isWhitespace(c)) {
                    append(head, (char) c);
                    any = true;
                }
            }
            if (any) {
                unterminated = true;
            }
            return null;
        }

        private static void append(StringBuilder head, char c) {
            if (head.length() < HEAD) {
                head.append(c);
            }
        }

        private boolean skipString() throws IOException {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\'') {
                    in.mark(1);
                    if (in.read() != '\'') {
                        in.reset();
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean skipComment() throws IOException {
            int previous = 0;
            int c;
            while ((c = in.read()) >= 0) {
                if (previous == '*' && c == '/') {
                    return true;
                }
                previous = c;
            }
            return false;
        }
    }
}
