package com.hartomat.api.errors;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The JSON bodies of authentication and authorisation refusals, so a client reads a {@code code} for them as for any
 * other refusal. 401 keeps the bearer challenge ({@code WWW-Authenticate: Bearer}); its message never says which
 * check a presented token failed (expiry, issuer, audience, signature), which would help a forger more than a user.
 */
public final class SecurityRefusals {

    public static final String CHALLENGE = "Bearer";

    private SecurityRefusals() {
    }

    /** The status and body for a security failure, or null when {@code failure} is none. */
    public static Refusal of(Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            return new Refusal(401, ApiError.of("unauthorized",
                    "the bearer token was refused: it is expired, not for this issuer or audience, or not validly signed",
                    ""));
        }
        if (failure instanceof UnauthorizedException) {
            return new Refusal(401, ApiError.of("unauthorized",
                    "this operation needs a bearer token (Authorization: Bearer <token>, or the hartomat_token cookie)",
                    ""));
        }
        if (failure instanceof ForbiddenException) {
            return new Refusal(403, ApiError.of("forbidden",
                    "the token's roles do not allow this operation (roles: viewer < author < operator < admin)", ""));
        }
        return null;
    }

    /** A refusal: its status and body. */
    public record Refusal(int status, ApiError body) {
    }
}
