package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.api.errors.Ids;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * Run status as Server-Sent Events: {@code event: snapshot} (one-run stream only), {@code event: status} with the
 * {@code runs.status.v1} event as data, {@code : heartbeat} comments. Resume with {@code Last-Event-ID}.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows/runs")
public class RunStreamResource {

    private final RunStreams streams;

    public RunStreamResource(RunStreams streams) {
        this.streams = streams;
    }

    /** One run; event ids are the run's status sequences. Ends after the run's terminal status event. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    // a reverse proxy (nginx) must pass events on as they come, not buffer the response
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @RunStreamGate.Gated
    public Multi<OutboundSseEvent> runEvents(@PathParam("id") String id,
            @HeaderParam(LastEventId.HEADER) String lastEventId, @Context Sse sse) {
        Long after = LastEventId.parse(lastEventId);
        return streams.run(Ids.uuid(id, "/id"), after == null ? 0 : after).map(frame -> event(sse, frame));
    }

    /**
     * Every run matching the filters (none: all runs); event ids are {@code run_events} log ids. Starts with live
     * events; with Last-Event-ID, first the logged events after that id.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    // a reverse proxy (nginx) must pass events on as they come, not buffer the response
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> events(@QueryParam("workflow_id") String workflowId,
            @QueryParam("order_line_id") String orderLineId, @QueryParam("output_type_id") String outputTypeId,
            @HeaderParam(LastEventId.HEADER) String lastEventId, @Context Sse sse) {
        RunFilter filter = new RunFilter(Ids.textOrNull(workflowId, "/workflow_id"),
                Ids.uuidOrNull(orderLineId, "/order_line_id"), Ids.textOrNull(outputTypeId, "/output_type_id"));
        return streams.runs(filter, LastEventId.parse(lastEventId)).map(frame -> event(sse, frame));
    }

    private static OutboundSseEvent event(Sse sse, Frame frame) {
        OutboundSseEvent.Builder event = sse.newEventBuilder();
        if (frame.comment() != null) {
            event.comment(frame.comment());
        }
        if (frame.event() != null) {
            event.name(frame.event());
        }
        if (frame.id() != null) {
            event.id(frame.id());
        }
        if (frame.data() != null) {
            event.data(String.class, frame.data());
        }
        return event.build();
    }
}
