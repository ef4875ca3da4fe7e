package io.nubis.compute;

/**
 * CDI event, fired synchronously by the last step of {@code host.add} and {@code host.reconnect} (outside any
 * transaction): the host answers again, possibly after a reboot that lost everything Nubis had set up on it. Features
 * that keep things on hosts re-create what the host's guests need (bridges, DHCP, NIC filters); an observer that fails
 * fails the job, so a host is never reported Connected without them. A published face of compute (issue 7).
 */
public record HostReconnected(String hostId) {
}
