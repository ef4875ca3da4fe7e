package io.nubis.driver;

/**
 * How to reach one host. Values are validated by the compute service before they get here (address and user name
 * patterns, port range), and drivers must still pass them to commands as separate arguments, never through a shell
 * string.
 *
 * @param hostId Nubis id of the host
 * @param address IP address or DNS name
 * @param port SSH port (ignored by the simulator)
 * @param username SSH user (may be null for the simulator)
 * @param credentials how to log in and which host key to expect; never null
 */
public record HostEndpoint(String hostId, String address, int port, String username, HostCredentials credentials) {

    public HostEndpoint {
        credentials = credentials == null ? HostCredentials.NONE : credentials;
    }

    public HostEndpoint(String hostId, String address, int port, String username) {
        this(hostId, address, port, username, HostCredentials.NONE);
    }
}
