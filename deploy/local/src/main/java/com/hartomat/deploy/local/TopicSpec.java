package com.hartomat.deploy.local;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** A topic the local broker creates up front. */
public record TopicSpec(String name, int partitions, boolean compacted) {

    NewTopic toNewTopic() {
        Map<String, String> configs = new HashMap<>();
        if (compacted) {
            configs.put("cleanup.policy", "compact");
        }
        return new NewTopic(name, partitions, (short) 1).configs(configs);
    }
}
