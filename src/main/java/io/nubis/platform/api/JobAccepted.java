package io.nubis.platform.api;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Body of a 202 Accepted: the job that carries the change out and the resource as it is now. The response's Location
 * header points at the job.
 */
public record JobAccepted<T>(String jobId, String jobUrl, T resource) {

    public static <T> Response response(String jobId, T resource) {
        String url = "/v1/jobs/" + jobId;
        return Response.accepted(new JobAccepted<>(jobId, url, resource)).location(URI.create(url)).build();
    }
}
