package io.nubis.iam;

import java.util.List;

/** With whom a resource is shared: every account, or the accounts listed. */
public record ShareView(String type, String id, String name, boolean all, List<AccountRef> accounts) {

    /** An account by id and name. */
    public record AccountRef(String id, String name) {
    }
}
