package io.nubis.iam;

import java.time.Instant;
import java.util.List;

/**
 * A group of an account with its members' user names (and, in the same order, their ids) and the names of the policies
 * attached to it.
 */
public record GroupView(String id, String accountId, String name, String description, List<String> members,
        List<String> memberIds, List<String> policies, Instant createdAt) {
}
