package com.hartomat.deploy.k8s;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which service calls which, read from the REST clients' configuration: {@code quarkus.rest-client.<client>.url}
 * expands from a key of the caller (e.g. {@code hartomat.registry.url=http://localhost:8081}); the callee is the
 * service whose {@code quarkus.http.port} is that URL's port, as on one machine.
 */
public final class Peers {

    /** {@code caller} calls {@code callee} through REST client {@code client}, whose URL comes from {@code urlKey}. */
    public record Call(String caller, String client, String urlKey, String callee) {
    }

    private Peers() {
    }

    public static List<Call> of(Map<String, ServiceConfig> configs) {
        List<Call> calls = new ArrayList<>();
        for (ServiceConfig caller : configs.values()) {
            caller.restClients().forEach((client, restClientKey) -> {
                String raw = caller.rawValue(restClientKey).orElseThrow();
                String urlKey = raw.startsWith("${") && raw.endsWith("}") ? raw.substring(2, raw.length() - 1) : restClientKey;
                int port = URI.create(caller.required(restClientKey)).getPort();
                String callee = configs.values().stream()
                        .filter(c -> c.required("quarkus.http.port").equals(String.valueOf(port)))
                        .map(ServiceConfig::service)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(caller.service() + ": REST client " + client
                                + " calls port " + port + ", which no service of the suite listens on"));
                calls.add(new Call(caller.service(), client, urlKey, callee));
            });
        }
        return calls;
    }
}
