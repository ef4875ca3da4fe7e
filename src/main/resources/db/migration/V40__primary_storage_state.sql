-- Issue 12: an admin disables a primary storage (no new volumes on it; what is there keeps working) and lets it promise
-- more than its size (thin qcow2 volumes reserve their full virtual size): the over-provisioning ratio, in percent.
ALTER TABLE primary_storage
    ADD COLUMN state                 VARCHAR(16) NOT NULL DEFAULT 'Enabled',
    ADD COLUMN overprovision_percent INT         NOT NULL DEFAULT 100;
