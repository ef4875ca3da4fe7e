-- Two views of every error (issue 6, item 4; docs/jobs.md "Two views of a failure").
-- Admins read the technical detail (job.error, job_log lines, the resources' reasons as before); tenants read texts
-- written for people. Nothing existing becomes visible to tenants: old log lines stay admin-only, old reasons have no
-- public text.

-- The cause of a failure written for people (a DriverException's public message, a NubisException's English text);
-- NULL when there is none: tenants then read a generic text with the job's reference.
ALTER TABLE job ADD COLUMN public_error VARCHAR(1024) NULL AFTER error;

-- Who may read a log line: ADMIN (the default: steps' lines carry addresses, paths and commands) or PUBLIC.
ALTER TABLE job_log ADD COLUMN audience VARCHAR(8) NOT NULL DEFAULT 'ADMIN' AFTER level;

-- What tenants read of a VM's or an image's reason; the existing column keeps the admin's detail.
ALTER TABLE vm_instance ADD COLUMN state_reason_public VARCHAR(1024) NULL AFTER state_reason;
ALTER TABLE image ADD COLUMN status_reason_public VARCHAR(1024) NULL AFTER status_reason;
