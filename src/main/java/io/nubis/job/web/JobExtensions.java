package io.nubis.job.web;

import io.nubis.job.JobView;
import io.quarkus.qute.TemplateExtension;

/**
 * Links from a job to the page of the resource it works on (admin pages exist for zones, clusters, hosts and L2
 * networks).
 */
@TemplateExtension
public class JobExtensions {

    private JobExtensions() {
    }

    /** The admin page of the job's resource, or null when there is none. */
    static String resourceUrl(JobView job) {
        return switch (job.resourceType()) {
            case "zone" -> "/admin/zones/" + job.resourceId();
            case "cluster" -> "/admin/clusters/" + job.resourceId();
            case "host" -> "/admin/hosts/" + job.resourceId();
            case "l2-network" -> "/admin/l2-networks/" + job.resourceId();
            default -> null;
        };
    }
}
