package io.nubis.job;

/** CDI event fired when a job row is written; observed after commit to wake an idle worker at once. */
public record JobSubmitted(String jobId) {
}
