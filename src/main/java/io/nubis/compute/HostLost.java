package io.nubis.compute;

/** CDI event: a Connected host stopped answering and is now Disconnected (fired by {@link HostPinger}). */
public record HostLost(String hostId) {
}
