package com.hartomat.worker.cad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity instances of an ISO 10303-21 DATA section: {@code #id = TYPE(args);} records, which may span
 * lines, contain {@code ;} inside strings, comments, and complex instances {@code #id = (A(..) B(..));}.
 * Parameters become Java values: {@link String} for strings (decoded), {@link Ref} for {@code #n},
 * {@link Enum} for {@code .X.}, {@link Double}/{@link Long} numbers, {@link List} for aggregates,
 * {@link Typed} for typed values, {@code null} for {@code $} and {@code *}.
 */
public final class StepRecords {

    public record Ref(long id) {
    }

    public record Enum(String value) {
    }

    public record Typed(String type, List<Object> args) {
    }

    /** One entity (a complex instance contributes one per partial type, all with the same id). */
    public record Entity(long id, String type, List<Object> args) {
        public Object arg(int index) {
            return index < args.size() ? args.get(index) : null;
        }

        public String text(int index) {
            return arg(index) instanceof String s ? s : null;
        }

        public Long ref(int index) {
            return arg(index) instanceof Ref r ? r.id() : null;
        }
    }

    private final Map<Long, List<Entity>> byId = new LinkedHashMap<>();

    private StepRecords() {
    }

    public static StepRecords parse(String text) {
        StepRecords records = new StepRecords();
        int data = indexOfKeyword(text, "DATA");
        int start = data < 0 ? 0 : text.indexOf(';', data) + 1;
        for (String statement : statements(text, start)) {
            records.add(statement);
        }
        return records;
    }

    public List<Entity> ofType(String type) {
        List<Entity> found = new ArrayList<>();
        for (List<Entity> entities : byId.values()) {
            for (Entity e : entities) {
                if (e.type().equals(type)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    public List<Entity> byId(long id) {
        return byId.getOrDefault(id, List.of());
    }

    public int size() {
        return byId.size();
    }

    private static int indexOfKeyword(String text, String keyword) {
        int from = 0;
        while (true) {
            int i = text.indexOf(keyword, from);
            if (i < 0) {
                return -1;
            }
            int after = i + keyword.length();
            while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
                after++;
            }
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_';
            if (startOk && after < text.length() && text.charAt(after) == ';') {
                return i;
            }
            from = i + 1;
        }
    }

    /** Splits the text at top-level {@code ;}, skipping strings and comments. */
    static List<String> statements(String text, int start) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < n) {
                    if (text.charAt(end) == '\'') {
                        if (end + 1 < n && text.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                current.append(text, i, Math.min(n, end + 1));
                i = end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                String statement = current.toString().trim();
                if (!statement.isEmpty()) {
                    out.add(statement);
                }
                current.setLength(0);
                i++;
            } else {
                current.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
                i++;
            }
        }
        return out;
    }

    private void add(String statement) {
        if (!statement.startsWith("#")) {
            return;
        }
        int eq = statement.indexOf('=');
        if (eq < 0) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(statement.substring(1, eq).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Parser parser = new Parser(statement, eq + 1);
        parser.skipSpace();
        List<Entity> entities = new ArrayList<>();
        try {
            if (parser.peek() == '(') {
                parser.pos++;
                parser.skipSpace();
                while (parser.peek() != ')' && parser.peek() != 0) {
                    String type = parser.keyword();
                    List<Object> args = parser.list();
                    entities.add(new Entity(id, type, args));
                    parser.skipSpace();
                }
            } else {
                String type = parser.keyword();
                entities.add(new Entity(id, type, parser.list()));
            }
        } catch (RuntimeException e) {
            return;
        }
        byId.put(id, entities);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String keyword() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '!')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("keyword expected at " + pos);
            }
            return s.substring(start, pos).toUpperCase();
        }

        List<Object> list() {
            skipSpace();
            if (peek() != '(') {
                throw new IllegalArgumentException("'(' expected at " + pos);
            }
            pos++;
            List<Object> values = new ArrayList<>();
            skipSpace();
            if (peek() == ')') {
                pos++;
                return values;
            }
            while (true) {
                values.add(value());
                skipSpace();
                char c = peek();
                pos++;
                if (c == ')') {
                    return values;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("',' or ')' expected at " + (pos - 1));
                }
            }
        }

        Object value() {
            skipSpace();
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '#') {
                pos++;
                int start = pos;
                while (Character.isDigit(peek())) {
                    pos++;
                }
                return new Ref(Long.parseLong(s.substring(start, pos)));
            }
            if (c == '$' || c == '*') {
                pos++;
                return null;
            }
            if (c == '.') {
                int end = s.indexOf('.', pos + 1);
                String value = s.substring(pos + 1, end);
                pos = end + 1;
                return new Enum(value);
            }
            if (c == '(') {
                return list();
            }
            if (Character.isLetter(c) || c == '_') {
                String type = keyword();
                return new Typed(type, list());
            }
            int start = pos;
            while (pos < s.length() && "+-.0123456789Ee".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String number = s.substring(start, pos);
            if (number.isEmpty()) {
                throw new IllegalArgumentException("value expected at " + pos);
            }
            if (number.contains(".") || number.contains("E") || number.contains("e")) {
                return Double.parseDouble(number.endsWith(".") ? number + "0" : number);
            }
            return Long.parseLong(number);
        }

        String string() {
            pos++;
            StringBuilder raw = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\'') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                        raw.append('\'');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return decode(raw.toString());
                }
                raw.append(c);
                pos++;
            }
            throw new IllegalArgumentException("unterminated string");
        }
    }

    /** Part 21 string escapes: {@code \X2\hhhh...\X0\} (UTF-16), {@code \X\hh} (ISO 8859-1), {@code \\}. */
    static String decode(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("\\X2\\", i)) {
                int end = raw.indexOf("\\X0\\", i + 4);
                if (end < 0) {
                    break;
                }
                String hex = raw.substring(i + 4, end);
                for (int k = 0; k + 4 <= hex.length(); k += 4) {
                    out.append((char) Integer.parseInt(hex.substring(k, k + 4), 16));
                }
                i = end + 4;
            } else if (raw.startsWith("\\X\\", i) && i + 5 <= raw.length()) {
                out.append((char) Integer.parseInt(raw.substring(i + 3, i + 5), 16));
                i += 5;
            } else if (raw.startsWith("\\\\", i)) {
                out.append('\\');
                i += 2;
            } else {
                out.append(raw.charAt(i));
                i++;
            }
        }
        return out.toString();
    }
}
