package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed manifests are exactly what deploy/k8s/generate.sh renders from the current sources. */
class ManifestsUpToDateTest {

    @Test
    void committedManifestsMatchWhatTheGeneratorRenders() throws IOException {
        Map<String, Map<String, String>> rendered = GenerateManifests.renderAll(Repository.root());
        List<String> drift = new ArrayList<>();
        for (var env : rendered.entrySet()) {
            Path dir = Repository.manifests(env.getKey());
            TreeSet<String> committed = new TreeSet<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.forEach(f -> committed.add(f.getFileName().toString()));
                }
            }
            for (var file : env.getValue().entrySet()) {
                Path path = dir.resolve(file.getKey());
                if (!committed.remove(file.getKey())) {
                    drift.add(path + " is missing");
                } else if (!Files.readString(path).equals(file.getValue())) {
                    drift.add(path + " differs from what the generator renders");
                }
            }
            committed.forEach(extra -> drift.add(dir.resolve(extra) + " is not rendered by the generator"));
        }
        if (!drift.isEmpty()) {
            fail("deploy/k8s/manifests drifted from its sources; run deploy/k8s/generate.sh and commit the result:\n  "
                    + String.join("\n  ", drift));
        }
        assertEquals(Environment.ALL, List.copyOf(rendered.keySet()));
    }
}
