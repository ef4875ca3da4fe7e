package io.nubis.driver;

/** Power state a hypervisor reports for a VM. */
public enum VmPowerState {
    /** The guest runs (including while it is shutting down). */
    Running,
    /** Defined, no process: shut down, powered off, or its process died. */
    Stopped,
    /** Suspended in memory (paused, or suspended by the guest's power management). */
    Paused,
    /** The guest crashed and the hypervisor kept it in that state. */
    Crashed
}
