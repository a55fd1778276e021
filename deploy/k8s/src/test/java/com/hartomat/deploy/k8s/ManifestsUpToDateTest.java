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
                    drift.add(path + " differs from what the generator renders, first at " + firstDifference(Files.readString(path), file.getValue()));
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

    private static String firstDifference(String committed, String rendered) {
        String[] a = committed.split("\n", -1);
        String[] b = rendered.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": committed '" + left.strip() + "', rendered '" + right.strip() + "'";
            }
        }
        return "line endings";
    }
}
