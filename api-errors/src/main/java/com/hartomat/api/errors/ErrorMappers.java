package com.hartomat.api.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The Quarkus REST exception mappers of every service: transport only, {@link ErrorClassifier} decides. The Jackson
 * exception types are named one by one because Quarkus REST brings its own mappers for them, and the most specific
 * mapper wins.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final ErrorClassifier CLASSIFIER = new ErrorClassifier();

    /** Refusals and malformed input the classifier decides on (the types Quarkus REST would otherwise map itself). */
    @ServerExceptionMapper({ApiException.class, JsonProcessingException.class, JsonParseException.class,
            MismatchedInputException.class, WebApplicationException.class, PgException.class})
    public Response classified(Throwable e) {
        return respond(e);
    }

    /** A missing or refused token (401 with the bearer challenge) or a role that does not allow the operation (403). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, ForbiddenException.class})
    public Response securityRefused(Throwable e) {
        return refused(SecurityRefusals.of(e));
    }

    private static Response refused(SecurityRefusals.Refusal refusal) {
        Response.ResponseBuilder response = Response.status(refusal.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(refusal.body());
        if (refusal.status() == 401) {
            response.header("WWW-Authenticate", SecurityRefusals.CHALLENGE);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return respond(e);
    }

    /** The response for any failure of a request; faults are logged under the error id their body names. */
    public static Response respond(Throwable failure) {
        ErrorClassifier.Outcome outcome = classify(failure);
        return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(outcome.body()).build();
    }

    /** Classifies and logs a fault under its error id. */
    public static ErrorClassifier.Outcome classify(Throwable failure) {
        ErrorClassifier.Outcome outcome = CLASSIFIER.classify(failure);
        if (outcome.logged() != null) {
            if (outcome.status() == 503) {
                LOG.warnf(outcome.logged(), "request failed, error id %s: a dependency is unavailable", outcome.body().errorId());
            } else {
                LOG.errorf(outcome.logged(), "request failed, error id %s", outcome.body().errorId());
            }
        }
        return outcome;
    }
}
