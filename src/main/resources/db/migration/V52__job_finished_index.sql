-- The job history pruner (job.JobHistoryPruner, docs/jobs.md) looks for the jobs that ended before a point in time:
-- with an index on finished_at it reads only those, not every job of every final state each hour.
ALTER TABLE job
    ADD KEY idx_job_finished (finished_at);
