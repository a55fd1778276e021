package com.hartomat.comparison.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.hartomat.comparison.store.StoreUnavailable;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure of a request to {@link ApiError}: refusals as 4xx with their code and path; only an unreachable
 * database (503) or a fault of the service (500) is a 5xx, and those carry no exception text (it is logged).
 */
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
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        return respond(status, ApiError.of(code, e.getMessage(), ""));
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailable e) {
        LOG.warn("database unreachable", e);
        return respond(503, ApiError.of("database_unavailable", "the comparison database cannot be reached; try again later", ""));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (StoreUnavailable.is(e)) {
            return unavailable(new StoreUnavailable("database unreachable", e));
        }
        LOG.error("unexpected failure", e);
        return respond(500, ApiError.of("internal_error", "the comparison service failed unexpectedly; see its log", ""));
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
