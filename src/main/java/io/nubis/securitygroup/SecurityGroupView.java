package io.nubis.securitygroup;

import java.time.Instant;
import java.util.List;

/** A security group as the API shows it, with its rules and the number of member NICs. */
public record SecurityGroupView(String id, String accountId, String name, String description, List<Rule> rules,
        long members, Instant createdAt, Instant updatedAt) {

    /** One rule; {@code remoteGroupName} names the remote group, if any. */
    public record Rule(String id, String direction, String protocol, Integer portStart, Integer portEnd, String cidr,
            String remoteGroupId, String remoteGroupName) {
    }
}
