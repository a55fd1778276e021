package com.hartomat.api.errors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The message of a {@code malformed_body}: which value has the wrong type or shape and what the endpoint expects
 * there, in the body's terms ("name must be a string", "the body must be a JSON object"), never Jackson's text, which
 * names Java types ({@code com.…$ProductRequest}, {@code java.util.LinkedHashMap<…>}).
 */
final class JsonShapes {

    private JsonShapes() {
    }

    static String message(String path, JsonMappingException e) {
        String where = path.isEmpty() ? "the body" : path.substring(1);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return where + " is not a member this endpoint takes";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return where + " must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return where + " must be " + expected(format.getTargetType());
        }
        return where + " has a value of the wrong type or shape for this endpoint";
    }

    /** What a JSON value of this Java type looks like, for a client. */
    static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a string holding a UUID";
        }
        if (Temporal.class.isAssignableFrom(type) || java.util.Date.class.isAssignableFrom(type)) {
            return "a string holding a date and time";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == BigDecimal.class) {
            return "a number";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder out = new StringBuilder("one of ");
            for (int i = 0; i < constants.length; i++) {
                out.append(i == 0 ? "" : ", ").append(constants[i].toString().toLowerCase(Locale.ROOT));
            }
            return out.toString();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a JSON value of another type";
    }
}
