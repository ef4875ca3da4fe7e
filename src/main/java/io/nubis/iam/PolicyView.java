package io.nubis.iam;

import java.time.Instant;
import java.util.List;

/** A policy with its statements and the users and groups it is attached to. */
public record PolicyView(String id, String accountId, String name, String description,
        List<PolicyStatement> statements, List<Principal> attachedTo, Instant updatedAt) {

    /** A user or group a policy is attached to. */
    public record Principal(String type, String id, String name) {
    }
}
