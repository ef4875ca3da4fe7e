package io.nubis.job;

/** Optional filters of the job list; null fields do not filter. */
public record JobFilter(JobState state, String resourceId, String type) {

    public static JobFilter none() {
        return new JobFilter(null, null, null);
    }
}
