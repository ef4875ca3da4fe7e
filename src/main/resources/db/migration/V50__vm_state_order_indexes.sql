-- The VM list filtered by state (e.g. "Running", also the count the portal's home showed) is read in order from the
-- state's index too: (account_id, state) and (state) end with the list's default order (created_at, id), so a page of
-- one state needs no sort of all the account's VMs of that state (docs/performance.md, lists with 20,000 VMs).
ALTER TABLE vm_instance
    DROP KEY idx_vm_account,
    ADD KEY idx_vm_account_state (account_id, state, created_at, id),
    DROP KEY idx_vm_state,
    ADD KEY idx_vm_state (state, created_at, id);
