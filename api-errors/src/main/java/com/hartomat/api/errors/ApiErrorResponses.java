package com.hartomat.api.errors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Describes the error responses in a service's OpenAPI document ({@code mp.openapi.filter} in each service): every
 * refusal and fault is answered with {@link ApiError}, so the document says so.
 *
 * <ul>
 * <li>the {@code ApiError} and {@code FieldError} schemas (snake_case, as the API writes them);
 * <li>the responses every operation shares, decided from what the operation has: 400 when it takes input (a body, a
 * query or path parameter), 401 and 403 when it has a security requirement (403 names the least role, which
 * SmallRyeOpenAPI lists as the requirement's scope), 404 when its path has a {@code {param}}, 413, 415 and 422 when it
 * has a request body, 500 and 503 always;
 * <li>an {@code ApiError} body for every 4xx/5xx response without content, so a resource's own
 * {@code @APIResponse(responseCode = "409", description = "material_in_use: …")} needs only the description of its
 * codes.
 * </ul>
 * A description an annotation wrote is kept; the bare "Not Authorized" / "Not Allowed" / "Bad Request" Quarkus adds on
 * its own are replaced by what the service actually answers.
 *
 * <p>The two schemas are built here rather than by the annotation scanner: a filter sees the model, not the classes,
 * and the scanner builds a class's schema only where an annotation names the class, which not every operation (nor
 * every service) does. They list the members of {@link ApiError} and {@link FieldError}; the services'
 * {@code OpenApiDocumentTest} compare them with what the API writes.
 */
public class ApiErrorResponses implements OASFilter {

    static final String API_ERROR = "ApiError";
    static final String FIELD_ERROR = "FieldError";
    private static final String REF = "#/components/schemas/";
    /** The descriptions of the responses Quarkus adds by itself (security and bad request), without a body. */
    private static final Set<String> LIBRARY_DEFAULTS = Set.of("Not Authorized", "Not Allowed", "Bad Request");
    private static final List<String> ROLES = List.of("viewer", "author", "operator", "admin");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR, fieldError());
        components.addSchema(API_ERROR, apiError());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation op : operations.values()) {
                describe(path.getKey(), path.getValue(), op, openAPI.getSecurity());
            }
        }
    }

    private static void describe(String path, PathItem item, Operation op, List<SecurityRequirement> documentSecurity) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        boolean body = op.getRequestBody() != null;
        boolean parameters = hasQueryOrPathParameter(item.getParameters()) || hasQueryOrPathParameter(op.getParameters());
        if (body || parameters) {
            List<String> causes = new ArrayList<>();
            if (readsJson(op)) {
                causes.add("malformed_json or malformed_body (the body, with the JSON path of the value)");
            }
            if (parameters) {
                causes.add("a path or query parameter the operation refuses (its code names it)");
            }
            causes.add("malformed_request (a target or body that cannot be decoded)");
            shared(responses, "400", "malformed input: " + String.join("; ", causes));
        }
        List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : documentSecurity;
        if (security != null && !security.isEmpty()) {
            APIResponse unauthorized = shared(responses, "401", "unauthorized: no bearer token, or the token was refused "
                    + "(expired, another issuer or audience, not validly signed); with WWW-Authenticate: Bearer");
            if (unauthorized.getHeaders() == null || !unauthorized.getHeaders().containsKey("WWW-Authenticate")) {
                unauthorized.addHeader("WWW-Authenticate", OASFactory.createHeader().description("Bearer")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
            String least = leastRole(security);
            shared(responses, "403", least == null || least.equals(ROLES.get(0))
                    ? "forbidden: the token carries none of the roles (viewer < author < operator < admin)"
                    : "forbidden: the operation needs the role " + least + " or above (viewer < author < operator < admin)");
        }
        if (path.contains("{")) {
            shared(responses, "404", "not_found, or a code naming what is missing (e.g. run_not_found): nothing exists "
                    + "under the path's id");
        }
        if (body) {
            shared(responses, "413", "payload_too_large: the body is over the service's size limit");
            shared(responses, "415", "unsupported_media_type: the Content-Type is not one the operation reads");
            shared(responses, "422", "the body is well-formed but refused (e.g. missing_field, invalid_value): a code per "
                    + "rule, the JSON path of the value, every problem in errors");
        }
        shared(responses, "500", "internal_error: a fault of the service; the body carries no cause, error_id names "
                + "the log entry");
        shared(responses, "503", "a dependency cannot be reached right now (e.g. database_unavailable); try again later; "
                + "error_id names the log entry");
        // every refusal is an ApiError: also those an annotation declared with a description only
        Map<String, APIResponse> byStatus = new TreeMap<>(responses.getAPIResponses());
        byStatus.forEach((status, response) -> {
            if (isError(status) && (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(errorBody());
            }
        });
        // in the order of their status, whoever added them
        responses.setAPIResponses(new LinkedHashMap<>(byStatus));
    }

    private static boolean readsJson(Operation op) {
        return op.getRequestBody() != null && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().getMediaTypes() != null
                && op.getRequestBody().getContent().getMediaTypes().keySet().stream().anyMatch(t -> t.contains("json"));
    }

    /** The response of this status, added with {@code description} when missing; a library default is described anew. */
    private static APIResponse shared(APIResponses responses, String status, String description) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, response);
        } else if (response.getDescription() == null || LIBRARY_DEFAULTS.contains(response.getDescription())) {
            response.setDescription(description);
        }
        return response;
    }

    private static boolean hasQueryOrPathParameter(List<Parameter> parameters) {
        return parameters != null && parameters.stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.PATH);
    }

    /** The least of the suite's roles a security requirement names (its scopes: the operation's @RolesAllowed). */
    private static String leastRole(List<SecurityRequirement> security) {
        String least = null;
        for (SecurityRequirement requirement : security) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (List<String> scopes : requirement.getSchemes().values()) {
                for (String role : scopes == null ? List.<String>of() : scopes) {
                    if (ROLES.contains(role) && (least == null || ROLES.indexOf(role) < ROLES.indexOf(least))) {
                        least = role;
                    }
                }
            }
        }
        return least;
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Content errorBody() {
        return OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(REF + API_ERROR)));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description(description);
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One problem of a request")
                .addProperty("code", string("stable code of the problem"))
                .addProperty("message", string("what is wrong, for a human"))
                .addProperty("path", string("JSON pointer of the offending value"))
                .required(List.of("code", "message", "path"));
    }

    private static Schema apiError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The error body of every refusal (4xx) and fault (5xx)")
                .addProperty("code", string("stable, machine-readable code (e.g. not_found, malformed_json, forbidden)"))
                .addProperty("message", string("what went wrong, for a human"))
                .addProperty("path", string("JSON pointer of the offending value; empty when the request as a whole is refused"))
                .addProperty("detail", string("the message again (read by the FastAPI-era front end)"))
                .addProperty("errors", OASFactory.createSchema()
                        .addType(Schema.SchemaType.ARRAY)
                        .description("every problem found; only when there are some")
                        .items(OASFactory.createSchema().ref(REF + FIELD_ERROR)))
                .addProperty("error_id", string("a 5xx only: the id under which the fault was logged"))
                .required(List.of("code", "message", "path", "detail"));
    }
}
