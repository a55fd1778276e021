package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The topics of the contracts module ({@code hartomat/topics.json} on the classpath), each with its dead-letter topic. */
public final class TopicCatalogue {

    public record Topic(String name, int partitions, boolean compacted, String deadLetterTopic) {
    }

    private TopicCatalogue() {
    }

    public static List<Topic> fromContracts() {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream("hartomat/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("hartomat/topics.json (contracts) is not on the classpath");
            }
            List<Topic> topics = new ArrayList<>();
            for (JsonNode topic : new ObjectMapper().readTree(in).path("topics")) {
                topics.add(new Topic(topic.path("name").asText(), topic.path("partitions").asInt(1),
                        topic.path("compacted").asBoolean(false), topic.path("dead_letter_topic").asText()));
            }
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
