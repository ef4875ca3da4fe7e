package io.nubis.driver.simulator;

/**
 * One call on a simulated machine, as the simulator's statements are counted: the machine's address and the driver
 * action, or a null action for a test's own look or change ({@link SimulatorControl}).
 */
record Call(String address, SimulatorAction action) {

    /** A test looking at or changing the machine through {@link SimulatorControl}. */
    static Call control(String address) {
        return new Call(address, null);
    }
}
