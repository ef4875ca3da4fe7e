package io.nubis.compute;

/**
 * Admin-controlled state of a host (separate from its observed {@link HostStatus}). Only Enabled hosts receive new VMs.
 * PreMaintenance: a maintenance job is moving the host into Maintenance.
 */
public enum HostState {
    Enabled, Disabled, PreMaintenance, Maintenance
}
