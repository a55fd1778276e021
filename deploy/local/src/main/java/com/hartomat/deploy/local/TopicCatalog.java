package com.hartomat.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the topic catalogue that the {@code contracts} module publishes as
 * {@code hartomat/topics.json}: the contracts module is the one source of truth for topics, this
 * module only creates them (each with its dead-letter topic).
 */
public final class TopicCatalog {

    static final String RESOURCE = "hartomat/topics.json";

    private TopicCatalog() {
    }

    public static List<TopicSpec> fromClasspath() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            InputStream source = in != null ? in : TopicCatalog.class.getClassLoader().getResourceAsStream(RESOURCE);
            if (source == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: add the contracts module");
            }
            return parse(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TopicSpec> parse(InputStream json) throws IOException {
        List<TopicSpec> topics = new ArrayList<>();
        for (JsonNode topic : new ObjectMapper().readTree(json).path("topics")) {
            String name = topic.path("name").asText();
            topics.add(new TopicSpec(name, topic.path("partitions").asInt(1), topic.path("compacted").asBoolean(false)));
            if (!topic.path("dead_letter_topic").isMissingNode()) {
                topics.add(new TopicSpec(topic.path("dead_letter_topic").asText(), 1, false));
            }
        }
        return topics;
    }
}
