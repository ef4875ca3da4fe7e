/**
 * The host driver SPI: everything Nubis asks of a hypervisor host goes through {@link io.nubis.driver.HostDriver}.
 * {@code simulator/} keeps hosts in memory for dev mode, demos and scale benchmarks; {@code kvm/} (the only package
 * that may use JSch) drives real libvirt hosts over SSH. Drivers depend on nothing else in Nubis except platform: they
 * receive plain value records and return plain value records.
 */
package io.nubis.driver;
