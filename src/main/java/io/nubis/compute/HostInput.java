package io.nubis.compute;

/**
 * Fields of a host. On add: cluster and address are required (name defaults to the address); KVM hosts also need an SSH
 * user and a password or private key. On update only name and description change.
 */
public record HostInput(String clusterId, String name, String description, String address, Integer sshPort,
        String username, String password, String privateKey) {

    public HostInput(String clusterId, String name, String description, String address, Integer sshPort,
            String username) {
        this(clusterId, name, description, address, sshPort, username, null, null);
    }

    @Override
    public String toString() {
        return "HostInput[clusterId=" + clusterId + ", name=" + name + ", address=" + address + ", sshPort=" + sshPort
                + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", privateKey="
                + (privateKey == null ? "none" : "***") + "]";
    }
}
