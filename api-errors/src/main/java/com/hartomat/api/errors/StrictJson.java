package com.hartomat.api.errors;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict reading of JSON by every service's CDI {@code ObjectMapper} (request bodies, and the answers its REST clients
 * read):
 * <ul>
 * <li>a repeated member ({@code {"name":"a","name":"b"}}) is malformed, not "last one wins": silently dropping half of
 * what a client sent would hide its mistake ({@code malformed_json});</li>
 * <li>a JSON number or boolean where a string is expected ({@code {"pim_id":123}}, {@code {"name":true}}) is refused
 * as {@code malformed_body} with the value's path instead of being stored as its text: Jackson's scalar coercion to
 * textual types is turned off. Bodies read as trees ({@code JsonNode}, {@code Map<String, Object>}) keep every value
 * as sent; this only concerns values bound to a {@code String}.</li>
 * </ul>
 * Jackson's own stream limits (nesting depth, number and string length) stay at their defaults and are reported as
 * {@code malformed_json}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same rules on a mapper of one's own; returns it. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
