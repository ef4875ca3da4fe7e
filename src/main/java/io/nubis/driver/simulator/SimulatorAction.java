package io.nubis.driver.simulator;

/** Driver calls a test can script an outcome for. */
public enum SimulatorAction {
    CONNECT, PING, DISCONNECT,
    // network driver
    ENSURE_BRIDGE, ENSURE_DHCP, REMOVE_DHCP,
    /** {@link io.nubis.driver.VmDriver} calls. */
    VM_CREATE, VM_START, VM_STOP, VM_REBOOT, VM_DESTROY, VM_LIST
}
