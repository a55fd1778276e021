package com.hartomat.dispatch.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a request to {@link ApiError} with a 4xx status; only true faults become 5xx. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), ApiError.of(e.code(), e.getMessage(), e.path()));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String path = "";
        if (e instanceof JsonMappingException mapping) {
            path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                    .collect(Collectors.joining("/", "/", ""));
        }
        return respond(400, ApiError.of("malformed_body", "request body is not valid JSON for this endpoint: "
                + e.getOriginalMessage(), path));
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response mismatch(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response constraint(PgException e) {
        if ("23505".equals(e.getSqlState())) {
            return respond(409, ApiError.of("conflict", "a record with the same unique value exists: " + e.getDetail(), ""));
        }
        if ("23503".equals(e.getSqlState())) {
            return respond(409, ApiError.of("referenced", "the record is referenced or references a missing record: "
                    + e.getDetail(), ""));
        }
        LOG.error("database failure", e);
        return respond(503, ApiError.of("database_unavailable", "the database refused the request: " + e.getErrorMessage(), ""));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status < 500 ? "bad_request" : "internal_error";
        };
        return respond(status, ApiError.of(code, e.getMessage(), ""));
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return respond(400, ApiError.of("invalid_argument", e.getMessage(), ""));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return respond(500, ApiError.of("internal_error", "the service failed unexpectedly: " + e, ""));
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
