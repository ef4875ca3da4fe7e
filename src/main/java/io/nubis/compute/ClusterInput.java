package io.nubis.compute;

/** Fields of a cluster: zone and hypervisor type are fixed at creation; name and description can change. */
public record ClusterInput(String zoneId, String name, String description, String hypervisorType) {
}
