package io.nubis.driver;

/** Power state a hypervisor reports for a VM. */
public enum VmPowerState {
    Running, Stopped, Paused, Crashed
}
