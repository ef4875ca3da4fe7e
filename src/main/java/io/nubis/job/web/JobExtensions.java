package io.nubis.job.web;

import io.nubis.job.JobView;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.util.Locale;

/**
 * Template helpers for jobs: links to the page of the resource a job works on (admin pages exist for zones, clusters,
 * hosts and L2 networks), and a job's error in the reader's language.
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

    /**
     * The job's error as its reader may see it: a tenant's view in the page's language, an admin's technical detail as
     * recorded. Which one the view holds was decided when it was built for its caller ({@link JobView}).
     */
    static String errorText(JobView job, @TemplateAttribute("locale") Object locale) {
        if (job.publicError() == null) {
            return job.error();
        }
        return job.publicError().text(locale instanceof Locale l ? l : Locale.ENGLISH);
    }
}
