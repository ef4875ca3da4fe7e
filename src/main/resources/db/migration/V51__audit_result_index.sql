-- The admin dashboard counts the denied actions of the last 24 hours on every view: with an index on (result, at) that
-- count reads only the day's denied events, not the whole audit trail, which only grows (7.7 ms at 40,000 events
-- without it; docs/performance.md, lists with 20,000 VMs).
ALTER TABLE audit_event
    ADD KEY idx_audit_result_at (result, at);
