package io.nubis.vm;

/**
 * Life of a VM instance. Creating, Starting, Stopping, Rebooting, Destroying and Resizing (its root disk grows) are
 * transitional (a job runs); Running and Stopped are observed and reconciled with what the hypervisor reports; Unknown:
 * its host is Disconnected, so Nubis cannot tell; Destroyed is final (kept for history; its resources are released).
 * Error: the create failed and its clean-up did not finish (the job is in the needs-attention list); only destroy is
 * allowed, which releases whatever the create left.
 */
public enum VmState {

    Creating, Starting, Running, Stopping, Stopped, Rebooting, Destroying, Destroyed, Unknown, Error, Resizing,
    /** Moving live to another host of its cluster (issue 12); it keeps running. */
    Migrating;

    public boolean transitional() {
        return this == Creating || this == Starting || this == Stopping || this == Rebooting || this == Destroying
                || this == Resizing
                || this == Migrating;
    }
}
