package io.nubis.securitygroup;

/** Fields of a security group: a name unique in its account, an optional description. */
public record SecurityGroupInput(String name, String description) {
}
