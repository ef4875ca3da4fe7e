package io.nubis.network;

/**
 * Fields of an L2 network. On create all apply; on update only name and description (the bridge and uplink are what
 * hosts already carry). {@code type} defaults to NoVlan; {@code bridgeName} defaults to one derived from the id.
 */
public record L2NetworkInput(String zoneId, String name, String description, String type, String physicalInterface,
        String bridgeName) {
}
