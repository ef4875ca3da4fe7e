package io.nubis.job;

/** A change that continues as a job: the resource as it is now (in its transitional state) and the job's id. */
public record Accepted<T>(T resource, String jobId) {
}
