package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every object of every environment's committed manifests is valid, and the objects agree with each other. */
class RenderedManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsValidAndEveryReferenceResolves(String environment) {
        List<Located> objects = Repository.committed(environment);
        List<Violation> violations = new ArrayList<>(new ManifestValidator().validate(objects));
        violations.addAll(new CrossChecks(objects).check(TopicCatalogue.fromContracts(),
                ServiceConfig.read(Repository.root(), Suite.WORKER)));
        assertEquals(List.of(), violations.stream().map(Violation::toString).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsDeploymentServiceBudgetPolicyAndProbes(String environment) {
        List<Located> objects = Repository.committed(environment);
        for (String service : Suite.SERVICES) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "KafkaUser")) {
                assertTrue(objects.stream().anyMatch(o -> o.kind().equals(kind) && o.name().equals(service)),
                        environment + ": " + service + " has no " + kind);
            }
            var container = objects.stream().filter(o -> o.kind().equals("Deployment") && o.name().equals(service))
                    .findFirst().orElseThrow().object().path("spec").path("template").path("spec").path("containers").path(0);
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), service);
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), service);
            assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), service);
            assertTrue(container.path("resources").path("limits").has("memory"), service + " has no memory limit");
            assertTrue(container.path("resources").path("requests").has("cpu"), service + " has no CPU request");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceKnowsTheIdentityProviderAndItsDatabasePassword(String environment) {
        List<Located> objects = Repository.committed(environment);
        var shared = objects.stream().filter(o -> o.kind().equals("ConfigMap") && o.name().equals(Suite.SHARED_CONFIG))
                .findFirst().orElseThrow().object().path("data");
        for (String key : List.of("HARTOMAT_AUTH_ISSUER", "HARTOMAT_AUTH_AUDIENCE", "HARTOMAT_AUTH_JWKS",
                "HARTOMAT_CONSOLE_OIDC_ISSUER")) {
            assertTrue(shared.path(key).asText().startsWith(key.equals("HARTOMAT_AUTH_AUDIENCE") ? "" : "https://")
                    && !shared.path(key).asText().isBlank(), environment + ": " + key + " = " + shared.path(key));
        }
        assertEquals(shared.path("HARTOMAT_AUTH_ISSUER"), shared.path("HARTOMAT_CONSOLE_OIDC_ISSUER"),
                environment + ": the console signs in at the provider whose tokens the services verify");
        assertEquals("hartomat-console", shared.path("HARTOMAT_CONSOLE_OIDC_CLIENT_ID").asText(), environment);
        for (String service : Suite.SERVICES) {
            var container = objects.stream().filter(o -> o.kind().equals("Deployment") && o.name().equals(service))
                    .findFirst().orElseThrow().object().path("spec").path("template").path("spec").path("containers").path(0);
            assertTrue(container.path("envFrom").toString().contains(Suite.SHARED_CONFIG), service + " reads no " + Suite.SHARED_CONFIG);
            // the services have no default database password (docs/security.md): the Deployment must set it
            assertTrue(container.path("env").toString().contains("\"HARTOMAT_DB_PASSWORD\""), service + " sets no HARTOMAT_DB_PASSWORD");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesThatCallAcrossObtainTheirTokensFromTheIdentityProviderWithTheirOwnClientSecret(String environment) {
        List<Located> objects = Repository.committed(environment);
        var shared = objects.stream().filter(o -> o.kind().equals("ConfigMap") && o.name().equals(Suite.SHARED_CONFIG))
                .findFirst().orElseThrow().object().path("data");
        assertEquals("true", shared.path("HARTOMAT_AUTH_CLIENT_CREDENTIALS").asText(), environment);
        for (String service : Suite.SERVICES) {
            var env = objects.stream().filter(o -> o.kind().equals("Deployment") && o.name().equals(service))
                    .findFirst().orElseThrow().object().path("spec").path("template").path("spec").path("containers")
                    .path(0).path("env");
            String secret = null;
            for (var variable : env) {
                if (variable.path("name").asText().equals("HARTOMAT_AUTH_CLIENT_SECRET")) {
                    secret = variable.path("valueFrom").path("secretKeyRef").path("name").asText() + "/"
                            + variable.path("valueFrom").path("secretKeyRef").path("key").asText();
                }
            }
            boolean calls = service.equals("dispatch-service") || service.equals("comparison-service");
            assertEquals(calls ? service + "-oidc-client/client-secret" : null, secret, environment + " " + service);
        }
    }
}
