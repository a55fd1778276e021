package com.hartomat.dispatch.runstream;

import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a one-run stream request before the stream starts, while the HTTP status can still say it: 404 for an
 * unknown run, 204 when the run has ended and the client already has its last event (an EventSource stops
 * reconnecting on 204; otherwise it would reconnect for ever to a finished run).
 */
public class RunStreamGate {

    /** Marks the resource methods the gate answers for. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Gated {
    }

    private final RunEventLog log;

    public RunStreamGate(RunEventLog log) {
        this.log = log;
    }

    @ServerRequestFilter
    @Gated
    public Uni<Response> gate(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        UUID runId = Ids.uuid(id, "/id");
        Long after = LastEventId.parse(request.getHeaderString(LastEventId.HEADER));
        return log.position(runId).map(position -> {
            if (position == null) {
                throw ApiException.noSuch("workflow_run", runId.toString());
            }
            if (position.terminal() && after != null && after >= position.lastSequence()) {
                return Response.noContent().build();
            }
            return null;
        });
    }
}
