package com.hartomat.deploy.local.auth;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * rest-assured requests that carry a test token ({@link TestTokens}). Tests import {@link #given()} statically in
 * place of rest-assured's own: it acts as {@code admin}, who may do everything, so a test that is not about security
 * reads as before; {@link #givenAs(String)} acts as a narrower role, {@link #anonymous()} sends no token.
 */
public final class AuthenticatedRequests {

    private AuthenticatedRequests() {
    }

    /** A request as the test admin ({@code test-admin}, role {@code admin}). */
    public static RequestSpecification given() {
        return givenAs("admin");
    }

    /** A request as {@code test-<role>} with that one role. */
    public static RequestSpecification givenAs(String role) {
        return givenToken(TestTokens.forRole(role));
    }

    /** A request with this bearer token. */
    public static RequestSpecification givenToken(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    /** A request without a token. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
