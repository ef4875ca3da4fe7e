package io.nubis.job;

import java.util.Map;

/** What a service submits: the workflow type, the one resource it works on, its owner and the workflow input. */
public record JobRequest(String type, String resourceType, String resourceId, String resourceName,
        String ownerAccountId, Map<String, String> params) {

    public JobRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
