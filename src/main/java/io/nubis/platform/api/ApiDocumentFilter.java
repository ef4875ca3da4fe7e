package io.nubis.platform.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Shapes the OpenAPI document at {@code /q/openapi} (issue 13): only the {@code /v1} API is in it (the portal's pages
 * and form posts are not an API), and every operation documents the error responses it can give with the
 * {@link Problem} schema ({@code application/problem+json}): 400 with per-field errors, 403, 404 and 409 (a 401, no or
 * an expired token, and a 413 from the request size limits carry no problem body).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final Map<String, String> ERRORS = Map.of("400",
            "Invalid input: `errors` lists each field's problem", "403", "Not allowed for the caller", "404",
            "No such resource, or not visible to the caller", "409", "The resource's state does not allow this now");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (String path : List.copyOf(api.getPaths().getPathItems().keySet())) {
                if (!path.equals("/v1") && !path.startsWith("/v1/")) {
                    api.getPaths().removePathItem(path);
                }
            }
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(PROBLEM, problemSchema());
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    addErrors(op);
                    typeParameters(op);
                }
            }
        }
    }

    /**
     * Typed query parameters: the resources take them as text (to answer a bad value with a 400 per field, not a
     * framework error), so the document says what they mean: {@code page} and {@code size} are integers from 1 (size at
     * most {@link io.nubis.platform.PageRequest#MAX_SIZE}), {@code force} and {@code deleteVolumes} booleans. Enum
     * parameters name their enum where they are declared.
     */
    private static void typeParameters(Operation op) {
        if (op.getParameters() == null) {
            return;
        }
        for (Parameter p : op.getParameters()) {
            if (p.getIn() != Parameter.In.QUERY || p.getName() == null) {
                continue;
            }
            switch (p.getName()) {
                case "page" -> p.schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(java.math.BigDecimal.ONE).defaultValue(1));
                case "size" -> p.schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(io.nubis.platform.PageRequest.MAX_SIZE)));
                case "force", "deleteVolumes" -> p.schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.BOOLEAN).defaultValue(false));
                default -> {
                    // as declared
                }
            }
        }
    }

    private static void addErrors(Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        ERRORS.forEach((status, description) -> {
            APIResponse r = responses.getAPIResponse(status);
            if (r == null) {
                r = OASFactory.createAPIResponse();
                responses.addAPIResponse(status, r);
            }
            if (r.getContent() == null || r.getContent().getMediaTypes() == null
                    || r.getContent().getMediaTypes().isEmpty()) {
                // the generated "Bad Request", "Not Allowed", ... get the problem body Nubis sends
                r.description(description).content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static Schema problemSchema() {
        Schema field = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field as the client sent it, e.g. `name` or `nics[0].l3NetworkId`"))
                .addProperty("code", string("Stable code of the problem"))
                .addProperty("message", string("English message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details: the body of every API error")
                .addProperty("type", string("A URI naming the problem type"))
                .addProperty("title", string("Short summary"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string("What went wrong, for people"))
                .addProperty("instance", string("The request path"))
                .addProperty("code", string("Stable message key clients can switch on, e.g. `error_quota_exceeded`"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(field))
                .required(List.of("status", "code"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
