package io.nubis.driver.simulator;

import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;

/** One VM defined on a simulated host: the spec it was created from, its power state and how often it booted. */
final class SimulatedVm {

    final VmSpec spec;
    volatile VmPowerState state = VmPowerState.Stopped;
    volatile int boots;

    SimulatedVm(VmSpec spec) {
        this.spec = spec;
    }

    /** A paused VM resumes; a stopped or crashed one boots; a running one stays as it is. */
    synchronized void ensureRunning() {
        if (state == VmPowerState.Paused) {
            state = VmPowerState.Running;
        } else if (state != VmPowerState.Running) {
            boot();
        }
    }

    synchronized void boot() {
        state = VmPowerState.Running;
        boots++;
    }
}
