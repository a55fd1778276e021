package com.hartomat.dispatch.dispatch;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.api.errors.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** {@code POST /api/order-lines/{id}/dispatch}: transport only. */
@RolesAllowed(Roles.OPERATOR)
@Path("/api/order-lines/{id}/dispatch")
public class DispatchResource {

    private final DispatchService service;

    public DispatchResource(DispatchService service) {
        this.service = service;
    }

    @POST
    public Uni<OrderLineDispatchResult> dispatch(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        return service.dispatchOrderLine(Ids.uuid(id, "/id"), key);
    }
}
