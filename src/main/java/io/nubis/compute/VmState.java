package io.nubis.compute;

/**
 * Life of a VM instance. Creating, Starting, Stopping, Rebooting and Destroying are transitional (a job runs); Running
 * and Stopped are observed and reconciled with what the hypervisor reports; Unknown: its host is Disconnected, so Nubis
 * cannot tell; Destroyed is final (kept for history; its resources are released).
 */
public enum VmState {

    Creating, Starting, Running, Stopping, Stopped, Rebooting, Destroying, Destroyed, Unknown;

    public boolean transitional() {
        return this == Creating || this == Starting || this == Stopping || this == Rebooting || this == Destroying;
    }
}
