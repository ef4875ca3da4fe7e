package io.nubis.driver.simulator;

/** Driver calls a test can script an outcome for. */
public enum SimulatorAction {
    CONNECT, PING, DISCONNECT
}
