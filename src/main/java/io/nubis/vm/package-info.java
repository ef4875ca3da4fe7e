/**
 * VM instances: their lifecycle (create, stop, start, reboot, destroy as jobs), placement through
 * {@link io.nubis.compute.HostAllocator}, and reconciliation with what hypervisors report. The top of the dependency
 * graph: uses compute (hosts), storage (volumes, images), network (IPs, DHCP) and offering; nothing depends on it
 * (compute tells it about hosts through CDI events).
 */
package io.nubis.vm;
