package com.hartomat.api.errors;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies with a repeated member ({@code {"name":"a","name":"b"}}) are malformed, not "last one wins":
 * silently dropping half of what a client sent would hide its mistake. Jackson's own stream limits (nesting depth,
 * number and string length) stay at their defaults and are reported as {@code malformed_json}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }
}
