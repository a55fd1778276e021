package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractViolation;

/**
 * The payload of a consumed record: its message decoded against the topic contract, or the violation of that
 * contract, and in either case the value's bytes as they arrived (a dead letter carries them unchanged).
 */
public record ConsumedRecord(Object message, ContractViolation violation, byte[] raw) {

    static ConsumedRecord decoded(Object message, byte[] raw) {
        return new ConsumedRecord(message, null, raw);
    }

    static ConsumedRecord breach(ContractViolation violation, byte[] raw) {
        return new ConsumedRecord(null, violation, raw);
    }
}
