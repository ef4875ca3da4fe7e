/**
 * The job engine. Every infrastructure change is a {@link io.nubis.job.Job}: a row written in the same transaction as
 * the resource's transitional state, claimed by a worker with a lease in the database, executed as a
 * {@link io.nubis.job.Workflow} of {@link io.nubis.job.Step}s outside any transaction, and rolled back in reverse on
 * failure. Leases expire when a process dies; another process (or this one after a restart) recovers the job. Depends
 * on platform, iam (audit) and driver (only {@code DriverException}, whose message becomes a job's error and whose
 * public message what tenants read of it); features register workflows, never the other way round. Every failure has
 * two views (the admin's detail, the tenant's text with a reference), chosen by the caller when a
 * {@link io.nubis.job.JobView} or the log is read. The engine's rules are in docs/jobs.md.
 */
package io.nubis.job;
