-- Issue 12: live migration. The host a migrating VM's capacity is reserved on, written with the reservation in one
-- transaction (and cleared with its release or with the switch of the VM's host), so a crash at any point can be
-- rolled back from the row alone.
ALTER TABLE vm_instance
    ADD COLUMN migration_host_id CHAR(36) NULL;
