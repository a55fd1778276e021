package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes deploy/k8s/manifests/&lt;environment&gt;/ for every environment, replacing what was there, and the topics'
 * AsyncAPI document (docs/asyncapi.yaml). Run through
 * deploy/k8s/generate.sh, which packages the services first.
 */
public final class GenerateManifests {

    public static final String MANIFESTS = "deploy/k8s/manifests";

    private GenerateManifests() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Map<String, String>> rendered = renderAll(root);
        for (var env : rendered.entrySet()) {
            Path dir = root.resolve(MANIFESTS).resolve(env.getKey());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            for (var file : env.getValue().entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            System.out.println("wrote " + root.relativize(dir) + "/ (" + env.getValue().size() + " files)");
        }
        Files.writeString(root.resolve(AsyncApiDocument.FILE), asyncApi(root));
        System.out.println("wrote " + AsyncApiDocument.FILE);
    }

    /** docs/asyncapi.yaml: the topics' AsyncAPI document. */
    public static String asyncApi(Path root) {
        return YamlFiles.write(List.of(AsyncApiDocument.render(root)));
    }

    /** environment → file name → YAML text. */
    public static Map<String, Map<String, String>> renderAll(Path root) {
        Renderer renderer = new Renderer(root);
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String name : Environment.ALL) {
            TreeMap<String, String> files = new TreeMap<>();
            for (Map.Entry<String, List<ObjectNode>> file : renderer.render(Environment.load(name)).entrySet()) {
                files.put(file.getKey(), YamlFiles.write(file.getValue()));
            }
            all.put(name, files);
        }
        return all;
    }
}
