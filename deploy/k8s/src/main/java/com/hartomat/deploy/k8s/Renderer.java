package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders one environment's manifest set: file name → the objects in it, in a fixed order. */
public final class Renderer {

    public static final String KUSTOMIZATION = "kustomization.yaml";

    private final Path repositoryRoot;
    private final Map<String, ServiceConfig> configs = new LinkedHashMap<>();
    private final RouteTable routes;
    private final List<TopicCatalogue.Topic> topics;

    public Renderer(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
        for (String service : Suite.SERVICES) {
            configs.put(service, ServiceConfig.read(repositoryRoot, service));
        }
        this.routes = RouteTable.read(repositoryRoot);
        this.topics = TopicCatalogue.fromContracts();
    }

    public Map<String, ServiceConfig> configs() {
        return configs;
    }

    public TreeMap<String, List<ObjectNode>> render(Environment env) {
        TreeMap<String, List<ObjectNode>> files = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            List<ObjectNode> objects = new ArrayList<>(ServiceWorkloads.render(service,
                    YamlFiles.quarkusManifests(repositoryRoot, service), configs.get(service), env));
            objects.add(NetworkPolicies.render(service, configs, env));
            if (service.equals(Suite.WORKER)) {
                objects.addAll(WorkerScaling.render(configs.get(service), env));
            }
            files.put(service + ".yaml", objects);
        }
        files.put("config.yaml", SharedResources.render(configs, env));
        files.put("kafka.yaml", KafkaResources.render(configs, topics, env));
        files.put("postgres.yaml", DatabaseResources.render(configs, env));
        files.put("gateway.yaml", GatewayResources.render(routes, env));
        files.put(KUSTOMIZATION, List.of(kustomization(env, files.keySet())));
        return files;
    }

    private static ObjectNode kustomization(Environment env, Iterable<String> files) {
        List<String> resources = new ArrayList<>();
        files.forEach(resources::add);
        return Nodes.obj("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "namespace", env.namespace(), "resources", resources);
    }
}
