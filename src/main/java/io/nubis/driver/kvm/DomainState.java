package io.nubis.driver.kvm;

import io.nubis.driver.VmPowerState;

/** A libvirt domain state as {@code virsh domstate} and {@code virsh list} print it (with {@code LC_ALL=C}). */
enum DomainState {

    RUNNING("running", VmPowerState.Running), IDLE("idle", VmPowerState.Running), BLOCKED("blocked",
            VmPowerState.Running),
    /** The guest was asked to shut down and has not finished yet: still running. */
    IN_SHUTDOWN("in shutdown", VmPowerState.Running), PAUSED("paused", VmPowerState.Paused), PMSUSPENDED("pmsuspended",
            VmPowerState.Paused), SHUT_OFF("shut off", VmPowerState.Stopped), CRASHED("crashed", VmPowerState.Crashed),
    /** A transient state while libvirt sets a domain up; its qemu exists, so it counts as running. */
    NO_STATE("no state", VmPowerState.Running);

    private final String text;
    private final VmPowerState power;

    DomainState(String text, VmPowerState power) {
        this.text = text;
        this.power = power;
    }

    String text() {
        return text;
    }

    VmPowerState power() {
        return power;
    }

    /** Whether a qemu process exists for the domain (anything but shut off). */
    boolean active() {
        return this != SHUT_OFF;
    }

    /** The guest runs (or is shutting down) and can be asked to shut down or reboot. */
    boolean guestRunning() {
        return this == RUNNING || this == IDLE || this == BLOCKED || this == NO_STATE;
    }

    /** The state named by virsh's text, or null if virsh printed something else. */
    static DomainState parse(String text) {
        String t = text == null ? "" : text.strip();
        for (DomainState s : values()) {
            if (s.text.equals(t)) {
                return s;
            }
        }
        return null;
    }
}
