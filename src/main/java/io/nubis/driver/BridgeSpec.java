package io.nubis.driver;

/**
 * A Linux bridge for an L2 network on a host.
 *
 * @param name bridge name (validated: {@code ^[a-z][a-z0-9_-]{0,14}$}, at most 15 characters)
 * @param physicalInterface host interface to enslave, or null for a bridge without uplink
 */
public record BridgeSpec(String name, String physicalInterface) {
}
