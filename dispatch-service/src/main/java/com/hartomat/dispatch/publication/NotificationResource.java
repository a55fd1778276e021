package com.hartomat.dispatch.publication;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.api.errors.Ids;
import com.hartomat.api.errors.PageParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Notifications publication wrote, filtered by order or order line and paged (newest first). */
@RolesAllowed(Roles.VIEWER)
@Path("/api/notifications")
public class NotificationResource {

    private final PublicationQueries queries;

    public NotificationResource(PublicationQueries queries) {
        this.queries = queries;
    }

    @GET
    public Uni<Page<Notification>> notifications(@QueryParam("order_id") String orderId,
            @QueryParam("order_line_id") String orderLineId, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        return queries.notifications(Ids.uuidOrNull(orderId, "/order_id"), Ids.uuidOrNull(orderLineId, "/order_line_id"),
                PageParams.of(page, pageSize));
    }
}
