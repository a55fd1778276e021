package com.hartomat.deploy.local;

import java.security.SecureRandom;
import java.util.Base64;

/** A PostgreSQL role and its password, generated for one local stack (never stored in the repository). */
public record DatabaseCredentials(String user, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random password (24 random bytes, URL-safe Base64: no quoting trouble in SQL or environment). */
    static DatabaseCredentials generate(String user) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return new DatabaseCredentials(user, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return user + ":***";
    }
}
