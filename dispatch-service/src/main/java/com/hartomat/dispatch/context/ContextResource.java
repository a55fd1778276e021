package com.hartomat.dispatch.context;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.context.ContextRecords.CadFile;
import com.hartomat.dispatch.context.ContextRecords.CadFilePatch;
import com.hartomat.dispatch.context.ContextRecords.Order;
import com.hartomat.dispatch.context.ContextRecords.OrderLine;
import com.hartomat.dispatch.context.ContextRecords.OrderLineRequest;
import com.hartomat.dispatch.context.ContextRecords.OrderRequest;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.dispatch.context.ContextRecords.PartMaterial;
import com.hartomat.dispatch.context.ContextRecords.Product;
import com.hartomat.dispatch.context.ContextRecords.ProductRequest;
import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.PageParams;
import com.hartomat.dispatch.errors.Choices;
import com.hartomat.api.errors.Ids;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** REST CRUD of the render contexts; transport only. */
@RolesAllowed(Roles.VIEWER)
@Path("/api")
public class ContextResource {

    private final ContextStore store;
    private final StepStorage storage;
    private final JsonWebToken caller;

    public ContextResource(ContextStore store, StepStorage storage, JsonWebToken caller) {
        this.store = store;
        this.storage = storage;
        this.caller = caller;
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/cad-files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the stored file's record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CadFile.class)))
    @APIResponse(responseCode = "413", description = "upload_too_large: the file is over hartomat.uploads.max-bytes")
    public Uni<CadFile> uploadCadFile(@RestForm("file") FileUpload file, @RestForm("original_name") String originalName) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("missing_file", "a multipart part 'file' with the STEP file is required", "/file");
        }
        String name = originalName != null && !originalName.isBlank() ? originalName : file.fileName();
        UUID id = UUID.randomUUID();
        StepStorage.Stored stored = storage.store(id, name, file.uploadedFile());
        return store.insertCadFile(id, stored.originalName(), stored.relativePath(), stored.sha256(), stored.size());
    }

    @GET
    @Path("/cad-files")
    public Uni<Page<CadFile>> cadFiles(@QueryParam("page") String page,
            @QueryParam("page_size") String size) {
        PageParams paging = PageParams.of(page, size, ContextStore.MAX_PAGE_SIZE);
        return store.cadFiles(paging.page(), paging.size());
    }

    @GET
    @Path("/cad-files/{id}")
    public Uni<CadFile> cadFile(@PathParam("id") String id) {
        return store.cadFile(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @PATCH
    @Path("/cad-files/{id}")
    public Uni<CadFile> patchCadFile(@PathParam("id") String id, CadFilePatch patch) {
        if (patch == null) {
            throw ApiException.invalid("missing_body", "a JSON body with parsed_objects is required", "");
        }
        return store.patchCadFile(Ids.uuid(id, "/id"), patch.parsedObjects());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/cad-files/{id}")
    public Uni<Void> deleteCadFile(@PathParam("id") String id) {
        return store.deleteCadFile(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/products")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the new product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Product.class)))
    @APIResponse(responseCode = "409", description = "conflict: a product with this pim_id exists (path /pim_id)")
    @APIResponse(responseCode = "422", description = "unknown_reference: cad_file_id names no CAD file (path "
            + "/cad_file_id); missing_field")
    public Uni<Product> createProduct(ProductRequest body) {
        ProductRequest p = validProduct(body);
        UUID cadFileId = Ids.uuidOrNull(p.cadFileId(), "/cad_file_id");
        return existingCadFile(cadFileId).flatMap(ok -> store.insertProduct(UUID.randomUUID(), p.pimId().trim(),
                p.name().trim(), p.categoryKey(), cadFileId, materials(p.cadPartMaterials())));
    }

    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/products/{id}")
    @APIResponse(responseCode = "200", description = "the updated product")
    @APIResponse(responseCode = "409", description = "conflict: another product has this pim_id (path /pim_id)")
    @APIResponse(responseCode = "422", description = "unknown_reference: cad_file_id names no CAD file (path "
            + "/cad_file_id); missing_field")
    public Uni<Product> updateProduct(@PathParam("id") String id, ProductRequest body) {
        ProductRequest p = validProduct(body);
        UUID productId = Ids.uuid(id, "/id");
        UUID cadFileId = Ids.uuidOrNull(p.cadFileId(), "/cad_file_id");
        return existingCadFile(cadFileId).flatMap(ok -> store.updateProduct(productId, p.pimId().trim(),
                p.name().trim(), p.categoryKey(), cadFileId, materials(p.cadPartMaterials())));
    }

    @GET
    @Path("/products")
    public Uni<Page<Product>> products(@QueryParam("page") String page,
            @QueryParam("page_size") String size) {
        PageParams paging = PageParams.of(page, size, ContextStore.MAX_PAGE_SIZE);
        return store.products(paging.page(), paging.size());
    }

    @GET
    @Path("/products/{id}")
    public Uni<Product> product(@PathParam("id") String id) {
        return store.product(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/products/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "referenced: order lines name this product")
    public Uni<Void> deleteProduct(@PathParam("id") String id) {
        return store.deleteProduct(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/orders")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the new order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Order.class)))
    @APIResponse(responseCode = "409", description = "conflict: an order with this order_number exists")
    public Uni<Order> createOrder(OrderRequest body) {
        if (body == null || body.orderNumber() == null || body.orderNumber().isBlank()) {
            throw ApiException.invalid("missing_field", "order_number is required", "/order_number");
        }
        OrderStatus status = body.status() == null ? OrderStatus.DRAFT : OrderStatus.parse(body.status(), "/status");
        if (status != OrderStatus.DRAFT && status != OrderStatus.SUBMITTED) {
            throw ApiException.invalid("invalid_status", "a new order starts as draft or submitted", "/status");
        }
        // the creator is who the verified token names; a created_by in the body is accepted for old clients and ignored
        return store.insertOrder(UUID.randomUUID(), body.orderNumber().trim(), caller.getSubject(), status.wire());
    }

    @GET
    @Path("/orders")
    public Uni<Page<Order>> orders(@QueryParam("page") String page,
            @QueryParam("page_size") String size) {
        PageParams paging = PageParams.of(page, size, ContextStore.MAX_PAGE_SIZE);
        return store.orders(paging.page(), paging.size());
    }

    @GET
    @Path("/orders/{id}")
    public Uni<Order> order(@PathParam("id") String id) {
        return store.order(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @PATCH
    @Path("/orders/{id}")
    @APIResponse(responseCode = "200", description = "the order with its new status")
    @APIResponse(responseCode = "409", description = "invalid_status_transition: the order cannot move from its status "
            + "to the one asked (cancelled is reached only when every line was cancelled, never by hand); "
            + "order_lines_open: completed asked while lines are still open (path /status), the order completes by "
            + "itself once they have ended")
    public Uni<Order> patchOrder(@PathParam("id") String id, OrderRequest body) {
        if (body == null || body.status() == null) {
            throw ApiException.invalid("missing_field", "status is required", "/status");
        }
        return store.moveOrder(Ids.uuid(id, "/id"), OrderStatus.parse(body.status(), "/status"));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/orders/{id}")
    public Uni<Void> deleteOrder(@PathParam("id") String id) {
        return store.deleteOrder(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/order-lines")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the new order line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderLine.class)))
    @APIResponse(responseCode = "422", description = "unknown_reference: order_id names no order (path /order_id) or "
            + "product_id no product (path /product_id); missing_field")
    @APIResponse(responseCode = "409", description = "order_closed: the order is completed, failed or cancelled and "
            + "takes no new lines (path /order_id)")
    public Uni<OrderLine> createOrderLine(OrderLineRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body is required", "");
        }
        UUID orderId = Ids.uuid(body.orderId(), "/order_id");
        UUID productId = Ids.uuid(body.productId(), "/product_id");
        // a UUID (one the registry does not know yet is kept), stored as its text
        String outputTypeId = Ids.textOrNull(body.outputTypeId(), "/output_type_id");
        return named(store.order(orderId), "order_id", orderId, "order")
                .flatMap(o -> named(store.product(productId), "product_id", productId, "product"))
                // the order may go between the check and the insert: the same 422 then
                .flatMap(p -> named(store.insertOrderLine(UUID.randomUUID(), orderId, productId, outputTypeId),
                        "order_id", orderId, "order"));
    }

    @GET
    @Path("/order-lines")
    public Uni<Page<OrderLine>> orderLines(@QueryParam("order_id") String orderId,
            @QueryParam("page") String page, @QueryParam("page_size") String size) {
        PageParams paging = PageParams.of(page, size, ContextStore.MAX_PAGE_SIZE);
        return store.orderLines(Ids.uuidOrNull(orderId, "/order_id"), paging.page(), paging.size());
    }

    @GET
    @Path("/order-lines/{id}")
    public Uni<OrderLine> orderLine(@PathParam("id") String id) {
        return store.orderLine(Ids.uuid(id, "/id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @PATCH
    @Path("/order-lines/{id}")
    public Uni<OrderLine> patchOrderLine(@PathParam("id") String id, OrderLineRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body is required", "");
        }
        UUID lineId = Ids.uuid(id, "/id");
        // a UUID (one the registry does not know yet is kept), stored as its text
        String outputTypeId = Ids.textOrNull(body.outputTypeId(), "/output_type_id");
        String renderStatus = Choices.oneOfOrNull(body.renderStatus(), Choices.RENDER_STATUSES, "/render_status");
        return store.patchOrderLine(lineId, outputTypeId, renderStatus, body.resultPath());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/order-lines/{id}")
    public Uni<Void> deleteOrderLine(@PathParam("id") String id) {
        return store.deleteOrderLine(Ids.uuid(id, "/id"));
    }

    /** Nothing when no CAD file is named; else the named one must exist (422 {@code unknown_reference}). */
    private Uni<Void> existingCadFile(UUID cadFileId) {
        return cadFileId == null ? Uni.createFrom().voidItem()
                : named(store.cadFile(cadFileId), "cad_file_id", cadFileId, "CAD file").replaceWithVoid();
    }

    /**
     * The record a body field names: its lookup's 404 becomes 422 {@code unknown_reference} at the field, since the
     * request's path exists and it is the body that names something missing. (The database's foreign keys stay the
     * guard against a record deleted between this check and the write; ErrorClassifier answers the same then.)
     */
    private static <T> Uni<T> named(Uni<T> lookup, String field, UUID id, String what) {
        return lookup.onFailure(f -> f instanceof ApiException api && api.status() == 404)
                .transform(f -> ApiException.unknownReference(field, id, what));
    }

    private static ProductRequest validProduct(ProductRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body is required", "");
        }
        if (body.pimId() == null || body.pimId().isBlank()) {
            throw ApiException.invalid("missing_field", "pim_id is required", "/pim_id");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.invalid("missing_field", "name is required", "/name");
        }
        List<PartMaterial> materials = body.cadPartMaterials() == null ? List.of() : body.cadPartMaterials();
        for (int i = 0; i < materials.size(); i++) {
            PartMaterial m = materials.get(i);
            if (m == null || m.partName() == null || m.partName().isBlank()) {
                throw ApiException.invalid("missing_field", "part_name is required", "/cad_part_materials/" + i + "/part_name");
            }
            if (m.material() == null || m.material().isBlank()) {
                throw ApiException.invalid("missing_field", "material is required", "/cad_part_materials/" + i + "/material");
            }
        }
        return body;
    }

    private static List<Map<String, Object>> materials(List<PartMaterial> materials) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (materials != null) {
            for (PartMaterial m : materials) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("part_name", m.partName());
                row.put("material", m.material());
                out.add(row);
            }
        }
        return out;
    }
}
