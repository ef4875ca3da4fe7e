/**
 * REST API of the job engine under {@code /v1/jobs}: read-only views of jobs and their logs
 * ({@link io.nubis.job.JobView} on the wire, never the entity). Thin: every rule, scoping included, lives in
 * {@link io.nubis.job.JobService}.
 */
package io.nubis.job.api;
