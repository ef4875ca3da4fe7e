package io.nubis.compute;

/** Fields of a zone a client sets on create and update. */
public record ZoneInput(String name, String description) {
}
