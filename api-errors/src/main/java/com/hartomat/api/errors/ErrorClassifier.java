package com.hartomat.api.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides what a failed request answers, for every service alike:
 * <ul>
 * <li>the project's own refusals ({@link ApiException}), also when a reactive pipeline wrapped them, keep their 4xx;
 * <li>a request body Jackson could not read is 400 ({@code malformed_json} for bad syntax or a body past Jackson's
 * nesting/number limits, {@code malformed_body} for a value of the wrong type or shape) with the JSON path;
 * <li>a database constraint the request broke is answered in the API's terms, never with the database's wording
 * (PostgreSQL's DETAIL {@code Key (col)=(value) …} only tells which column and value):
 * <ul>
 * <li>a unique value taken is 409 {@code conflict}, "pim_id 'X' is already taken" at {@code /pim_id} for a
 * single-column key, a generic message at path "" for a key of several columns;
 * <li>an insert or update naming a record that does not exist (foreign key, "is not present in table") is 422
 * {@code unknown_reference}, "cad_file_id 'X' names no CAD file" at {@code /cad_file_id} (path "" for a key of
 * several columns); resources that know the field check it themselves first, this is the fallback (and the answer
 * when the record went away between check and write);
 * <li>a delete of a record still referenced ("is still referenced from table") is 409 {@code referenced}, "the
 * product is still used by order lines", path "";
 * <li>without a DETAIL to read (another driver, a server speaking another language), a generic message at path "".
 * </ul>
 * A client's value is repeated with at most {@link Ids#ECHOED} characters ({@link Ids#echo});
 * <li>a value its column cannot hold is 422 {@code invalid_value};
 * <li>JAX-RS' own refusals (no such path 404, wrong method 405, wrong content type 415, …) keep their 4xx with a
 * code named after the status;
 * <li>an input the HTTP stack itself could not decode (a query string with a broken escape, a multipart body cut off,
 * …) is 400 {@code malformed_request};
 * <li>an unreachable or overloaded database is 503 {@code database_unavailable};
 * <li>everything else is a fault of the service: 500 {@code internal_error}. Neither 5xx carries the exception's text;
 * the body names an {@code error_id} under which the cause is logged.
 * </ul>
 * An {@link IllegalArgumentException} or any other exception of the service's own code is a fault, not a 400: only
 * the project's refusals and the parsers' errors are the client's.
 */
public final class ErrorClassifier {

    /** The answer to a failed request and, for a fault, what to log under which id. */
    public record Outcome(int status, ApiError body, Throwable logged) {

        public boolean isFault() {
            return status >= 500;
        }
    }

    private static final int MAX_DEPTH = 32;

    /**
     * Packages whose own {@link IllegalArgumentException}s and {@link IOException}s, thrown while a request is read,
     * mean "the request could not be decoded".
     */
    private static final List<String> DECODERS = List.of("io.netty.", "io.vertx.", "org.jboss.resteasy.reactive.",
            "io.quarkus.vertx.http.", "java.net.URLDecoder", "java.net.URI");

    /**
     * PostgreSQL's DETAIL of a unique or foreign-key violation: {@code Key (col)=(value) already exists.}, {@code …
     * is not present in table "t".} or {@code … is still referenced from table "t".}; group 1 the column(s), 2 the
     * value(s), 3 the referenced table, 4 the referencing table.
     */
    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+?)\\)=\\((.*)\\) (?:already exists"
            + "|is not present in table \"([^\"]+)\"|is still referenced from table \"([^\"]+)\")", Pattern.DOTALL);

    /** The table a delete or update was refused on: {@code update or delete on table "products" violates …}. */
    private static final Pattern DELETED_FROM = Pattern.compile("update or delete on table \"([^\"]+)\" violates");

    /** A column name as the API uses it for a body field. */
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Supplier<String> errorIds;

    public ErrorClassifier() {
        this(() -> UUID.randomUUID().toString());
    }

    ErrorClassifier(Supplier<String> errorIds) {
        this.errorIds = errorIds;
    }

    public Outcome classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof ApiException api) {
                return new Outcome(api.status(), api.body(), null);
            }
        }
        for (Throwable t : chain) {
            Outcome json = json(t);
            if (json != null) {
                return json;
            }
        }
        for (Throwable t : chain) {
            Outcome database = database(sqlState(t), chain, failure);
            if (database != null) {
                return database;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof Unavailable unavailable) {
                // the cause's text may name hosts or statements: only the code reaches the client
                return fault(503, unavailable.code(), "a dependency of the service cannot be reached right now; try again later",
                        failure);
            }
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return unavailable(failure);
            }
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
            if (status == 400) {
                // no code of the project throws a bare 400: it is the REST layer failing to decode a parameter (a
                // query string with a broken percent-escape)
                return new Outcome(400, ApiError.of("malformed_request", "the request could not be decoded (a broken "
                        + "percent-escape or an unreadable parameter)", ""), null);
            }
            if (status > 400 && status < 500) {
                // the JAX-RS text names annotations (@Consumes, @Produces) and Java types: a fixed text per status
                return new Outcome(status, ApiError.of(codeOf(status), messageOf(status), ""), null);
            }
        }
        if ((failure instanceof IllegalArgumentException || failure instanceof IOException) && thrownByDecoder(failure)) {
            return new Outcome(400, ApiError.of("malformed_request", "the request could not be decoded", ""), null);
        }
        return fault(500, "internal_error", "the service failed unexpectedly", failure);
    }

    /** The code of a bare HTTP refusal (no resource matched, wrong method, …). */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** The text of a bare HTTP refusal: for people, without the framework's annotations or types. */
    public static String messageOf(int status) {
        return switch (status) {
            case 401 -> "authentication is required";
            case 403 -> "the caller's role does not allow this operation";
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed at this path";
            case 406 -> "this endpoint cannot answer in a media type the Accept header allows (it answers "
                    + "application/json unless documented otherwise)";
            case 409 -> "the request conflicts with the current state";
            case 413 -> "the request body is too large";
            case 414 -> "the request target is too long";
            case 415 -> "this endpoint does not take a body of this Content-Type (it takes application/json unless "
                    + "documented otherwise)";
            case 431 -> "the request headers are too large";
            default -> "the request was refused (" + codeOf(status) + ")";
        };
    }

    private Outcome json(Throwable t) {
        if (!(t instanceof JsonProcessingException e) || t instanceof InvalidDefinitionException) {
            // InvalidDefinitionException: a type Jackson cannot (de)serialize at all is the service's bug
            return null;
        }
        if (e instanceof StreamConstraintsException) {
            return new Outcome(400, ApiError.of("malformed_json", "request body is past a JSON limit (nesting depth, "
                    + "number or string length)", jsonPath(e)), null);
        }
        if (e instanceof JsonParseException || e instanceof StreamReadException) {
            return new Outcome(400, ApiError.of("malformed_json", "request body is not valid JSON: "
                    + humane(e.getOriginalMessage()), jsonPath(e)), null);
        }
        if (e instanceof JsonMappingException mapping) {
            String path = jsonPath(e);
            return new Outcome(400, ApiError.of("malformed_body", JsonShapes.message(path, mapping), path), null);
        }
        return null;
    }

    /**
     * A parser's text without the Java names it may carry in backticks (`StreamReadConstraints.getMax…()`), and with
     * an embedded location ("[Source: REDACTED (…); line: 1, column: 1]", an unclosed object's start) as "line 1,
     * column 1".
     */
    static String humane(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "").replaceAll("`[^`]*`", "a value")
                .replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2").trim();
    }

    /** The JSON pointer of the value Jackson was reading ({@code /items/2/name}), or "" at the top. */
    static String jsonPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
    }

    /**
     * What an answer of the database means for the request, by SQL state: a violated unique key is 409
     * {@code conflict}, a foreign key 422 {@code unknown_reference} (a write naming a missing record) or 409
     * {@code referenced} (a delete of a record still in use) — see {@link #constraint} —, a value the column cannot
     * hold (too long, out of range: SQL state class 22) is the client's 422, a lost connection, exhausted resources, a
     * shutdown or a serialization conflict is 503; any other database error is the service's fault (a wrong
     * statement, or a row of its own that breaks a not-null or check constraint, is a bug, not the client's problem).
     */
    private Outcome database(String sqlState, List<Throwable> chain, Throwable failure) {
        if (sqlState == null) {
            return null;
        }
        if ("23505".equals(sqlState) || "23503".equals(sqlState)) {
            ApiError body = constraint(sqlState, chain);
            return new Outcome("unknown_reference".equals(body.code()) ? 422 : 409, body, null);
        }
        if (sqlState.startsWith("22")) {
            return new Outcome(422, ApiError.of("invalid_value",
                    "a value of the request is out of range, too long or missing for where it is stored", ""), null);
        }
        if (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57")
                || "40001".equals(sqlState) || "40P01".equals(sqlState)) {
            return unavailable(failure);
        }
        return fault(500, "internal_error", "the service failed unexpectedly", failure);
    }

    /**
     * The body for a unique (23505) or foreign-key (23503) violation, from PostgreSQL's DETAIL: the column becomes
     * the path and the field named in the message, the value is echoed cut, table names are made readable
     * ({@code order_lines} → "order lines"), and nothing of the database's wording (key, table, constraint) remains.
     * Without a DETAIL to read (another client, a server in another language), a generic message at path "".
     */
    static ApiError constraint(String sqlState, List<Throwable> chain) {
        Matcher key = null;
        String deletedFrom = null;
        for (String text : texts(chain)) {
            Matcher m = KEY_DETAIL.matcher(text);
            if (key == null && m.find()) {
                key = m;
            }
            Matcher d = DELETED_FROM.matcher(text);
            if (deletedFrom == null && d.find()) {
                deletedFrom = d.group(1);
            }
        }
        String column = key == null ? null : key.group(1).trim();
        boolean single = column != null && COLUMN.matcher(column).matches();
        String value = key == null ? null : Ids.echo(key.group(2));
        if ("23505".equals(sqlState)) {
            return single
                    ? ApiError.of("conflict", column + " '" + value + "' is already taken", "/" + column)
                    : ApiError.of("conflict", "a record with the same values exists already", "");
        }
        if (key != null && key.group(3) != null) {
            String what = singular(key.group(3));
            return single
                    ? ApiException.unknownReference(column, key.group(2), what).body()
                    : ApiError.of("unknown_reference", "the request names a " + what + " that does not exist", "");
        }
        if (key != null && key.group(4) != null) {
            String record = deletedFrom == null ? "record" : singular(deletedFrom);
            return ApiError.of("referenced", "the " + record + " is still used by " + readable(key.group(4)), "");
        }
        return ApiError.of("referenced", "the request names a record that does not exist, or the record is still used "
                + "by another", "");
    }

    /**
     * What the database said, to read the key from: PgException's DETAIL and message, else the message of a JDBC
     * or Hibernate exception (the PostgreSQL JDBC driver appends "Detail: …"). Never shown to the client.
     */
    private static List<String> texts(List<Throwable> chain) {
        List<String> texts = new ArrayList<>();
        for (Throwable t : chain) {
            if (t instanceof PgException pg) {
                if (pg.getDetail() != null) {
                    texts.add(pg.getDetail());
                }
                if (pg.getErrorMessage() != null) {
                    texts.add(pg.getErrorMessage());
                }
            } else if ((t instanceof SQLException || t instanceof org.hibernate.JDBCException) && t.getMessage() != null) {
                texts.add(t.getMessage());
            }
        }
        return texts;
    }

    /** A table's name for people: {@code order_lines} → "order lines", {@code cad_files} → "CAD files". */
    static String readable(String table) {
        String name = table.substring(table.lastIndexOf('.') + 1).replace('_', ' ');
        return (" " + name + " ").replace(" cad ", " CAD ").replace(" pim ", " PIM ").trim();
    }

    /** One row of a table, for people: {@code cad_files} → "CAD file", {@code categories} → "category". */
    static String singular(String table) {
        String name = readable(table);
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "y";
        }
        if (name.endsWith("sses") || name.endsWith("uses")) {
            return name.substring(0, name.length() - 2);
        }
        if (name.endsWith("s") && !name.endsWith("ss")) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }

    private Outcome unavailable(Throwable failure) {
        return fault(503, "database_unavailable", "the database cannot serve the request right now; try again later",
                failure);
    }

    /** The SQL state of a database error, from the reactive client, JDBC or Hibernate (which wraps either). */
    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof org.hibernate.JDBCException jdbc) {
            return jdbc.getSQLState();
        }
        return null;
    }

    private Outcome fault(int status, String code, String message, Throwable cause) {
        String id = errorIds.get();
        return new Outcome(status, ApiError.fault(code, message + " (error id " + id + ")", id), cause);
    }

    private static boolean thrownByDecoder(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        String origin = stack[0].getClassName();
        return DECODERS.stream().anyMatch(origin::startsWith);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
