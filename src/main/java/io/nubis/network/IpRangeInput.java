package io.nubis.network;

/** An address range to add to an L3 network, both ends included. */
public record IpRangeInput(String startIp, String endIp) {
}
