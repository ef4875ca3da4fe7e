/**
 * The simulator driver: hosts that live in memory. For dev mode, demos, the scale benchmark and tests of the server's
 * own logic (rollback, recovery, concurrency). It never replaces a test of the real KVM driver. Tests script it through
 * {@link io.nubis.driver.simulator.SimulatorControl}.
 */
package io.nubis.driver.simulator;
