package io.nubis.iam;

import java.util.List;

/** With whom a resource is shared: every account ({@code all}), or the accounts listed (none: only admins). */
public record ShareInput(Boolean all, List<String> accountIds) {
}
