package com.hartomat.identity;

import io.quarkus.rest.client.reactive.ReactiveClientHeadersFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The headers of a call to another service of the suite: {@code Authorization: Bearer <service token>} and nothing
 * taken from the incoming request, so a user's token never travels on. Registered on a REST client with
 * {@code @RegisterClientHeaders(ServiceTokenHeaders.class)}. Reactive, because asking the identity provider for a
 * token is a network call and the services' REST clients run on the event loop.
 */
@ApplicationScoped
public class ServiceTokenHeaders extends ReactiveClientHeadersFactory {

    @Inject
    ServiceToken token;

    @Override
    public Uni<MultivaluedMap<String, String>> getHeaders(MultivaluedMap<String, String> incomingHeaders,
            MultivaluedMap<String, String> clientOutgoingHeaders) {
        return token.token().map(bearer -> {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            headers.putSingle("Authorization", "Bearer " + bearer);
            return headers;
        });
    }
}
