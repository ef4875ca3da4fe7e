package io.nubis.network;

/**
 * An L3 network as another feature needs it to use the network (VM create): what it is called and in which zone it
 * lies, without the address usage a full {@link L3NetworkView} counts.
 */
public record L3NetworkRef(String id, String name, String zoneId) {
}
