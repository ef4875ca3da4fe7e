package io.nubis.compute;

/**
 * Fields of a host. On add: cluster, address, SSH port and user are required (name defaults to the address). On update
 * only name and description change.
 */
public record HostInput(String clusterId, String name, String description, String address, Integer sshPort,
        String username) {
}
