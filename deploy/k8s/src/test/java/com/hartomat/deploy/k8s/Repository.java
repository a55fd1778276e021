package com.hartomat.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository the tests run in, and the committed manifest sets under deploy/k8s/manifests/. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("hartomat.repository.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/routes/routes.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }

    static Path manifests(String environment) {
        return root().resolve(GenerateManifests.MANIFESTS).resolve(environment);
    }

    /** Every object of an environment's committed manifests. */
    static List<Located> committed(String environment) {
        List<Located> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(manifests(environment))) {
            for (Path file : files.sorted().toList()) {
                YamlFiles.read(file).forEach(o -> objects.add(new Located(environment + "/" + file.getFileName(), o)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
