package com.hartomat.dispatch.runs;

/** A concurrent request with the same Idempotency-Key committed first; its response is the answer. */
public class IdempotentReplay extends RuntimeException {

    public IdempotentReplay() {
        super("idempotency key already used", null, false, false);
    }
}
