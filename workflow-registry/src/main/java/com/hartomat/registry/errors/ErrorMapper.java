package com.hartomat.registry.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.ValidationError;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.HibernateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The registry's one exception mapper: every refused request becomes {@code {"code","message","path"}} (plus
 * {@code "errors"} for validation) with a 4xx status. Only genuine faults are 5xx, and they are logged.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage(), e.path(), e.errors());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String path = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                    .collect(Collectors.joining("/", "/", ""));
        }
        return respond(400, "malformed_json", "request body is not valid JSON: " + e.getOriginalMessage(), path, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status < 500 ? "bad_request" : "internal_error";
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(status, code, e.getMessage(), "", List.of());
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        return pg(e);
    }

    @ServerExceptionMapper
    public Response hibernate(HibernateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg(pg);
            }
            // Hibernate Reactive reports constraint violations as JDBCExceptions carrying the SQL state
            if (t instanceof org.hibernate.JDBCException jdbc && constraint(jdbc.getSQLState()) != null) {
                return constraint(jdbc.getSQLState());
            }
        }
        LOG.error("persistence failure", e);
        return respond(503, "database_unavailable", "the database refused the request", "", List.of());
    }

    private static Response constraint(String sqlState) {
        if ("23505".equals(sqlState)) {
            return respond(409, "conflict", "a record with the same unique value exists (a concurrent change won); retry", "",
                    List.of());
        }
        if ("23503".equals(sqlState)) {
            return respond(409, "referenced", "the record is referenced by another record", "", List.of());
        }
        return null;
    }

    private Response pg(PgException e) {
        Response conflict = constraint(e.getSqlState());
        if (conflict != null) {
            return conflict;
        }
        LOG.error("database failure", e);
        return respond(503, "database_unavailable", "the database refused the request: " + e.getErrorMessage(), "", List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        // reactive pipelines wrap causes (CompletionException, …): a refusal or constraint inside is still a 4xx
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api(api);
            }
            if (t instanceof PgException pg) {
                return pg(pg);
            }
        }
        LOG.error("unexpected failure", e);
        return respond(500, "internal_error", "the service failed unexpectedly", "", List.of());
    }

    static Response respond(int status, String code, String message, String path, List<ValidationError> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message, path, errors)).build();
    }

    /** The error body; {@code detail} repeats the message for front ends written against the original API. */
    public static ObjectNode body(String code, String message, String path, List<ValidationError> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("path", path);
        body.put("detail", message);
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            for (ValidationError err : errors) {
                list.addObject().put("code", err.code()).put("message", err.message()).put("path", err.path());
            }
        }
        return body;
    }
}
