package io.nubis.compute;

import io.nubis.driver.HostEndpoint;

/**
 * CDI event: a Connected host answered its ping (fired by {@link HostPinger}, outside any transaction), so whoever
 * keeps state about the host's guests can reconcile it now.
 */
public record HostAnswered(String hostId, HostEndpoint endpoint, String driverType) {
}
