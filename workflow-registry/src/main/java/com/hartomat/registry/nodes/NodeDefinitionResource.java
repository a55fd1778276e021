package com.hartomat.registry.nodes;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.registry.JsonText;
import com.hartomat.workflow.model.Family;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.NodeDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The node contracts, as the editor and dispatch read them. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows/node-definitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "node-definitions", description = "Node contracts of the 17 workflow steps")
public class NodeDefinitionResource {

    private final NodeCatalog catalog;

    public NodeDefinitionResource(NodeCatalog catalog) {
        this.catalog = catalog;
    }

    /** All steps, or those allowed in graphs of {@code family} (cad_file | order_line). */
    @GET
    public List<NodeDefinitionView> list(@RestQuery String family) {
        List<NodeDefinition> definitions = family == null ? catalog.all()
                : catalog.forFamily(Family.fromWire(family).orElseThrow(() -> ApiException.badRequest("invalid_query_param",
                        "family must be cad_file or order_line", "/family")));
        return definitions.stream().map(NodeDefinitionResource::view).toList();
    }

    @GET
    @Path("/{step}")
    public NodeDefinitionView one(@RestPath String step) {
        return catalog.find(step).map(NodeDefinitionResource::view).orElseThrow(() -> ApiException.notFound("node step", step));
    }

    static NodeDefinitionView view(NodeDefinition definition) {
        return JsonText.typed(definition.toJson(), NodeDefinitionView.class);
    }
}
