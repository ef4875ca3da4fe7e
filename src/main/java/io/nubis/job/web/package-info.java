/**
 * Job pages for admins and tenants: the list, one job with its log, and the htmx fragment that shows live progress.
 * What a caller may see is decided by {@link io.nubis.job.JobService} (tenants see their own account's jobs; another's
 * answers 404; tenants read failures as texts for people and only the log lines written for them).
 */
package io.nubis.job.web;
