/**
 * VM instances: their lifecycle (create, stop, start, reboot, destroy as jobs), placement through
 * {@link io.nubis.compute.HostAllocator}, and reconciliation with what hypervisors report. The top of the dependency
 * graph: uses compute (hosts), storage (volumes, images), network (IPs, DHCP) and offering; only the home page depends
 * on it (compute tells it about hosts through CDI events). Pages in {@code web}, the REST API in {@code api}.
 */
package io.nubis.vm;
