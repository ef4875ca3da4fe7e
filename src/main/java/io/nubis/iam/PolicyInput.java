package io.nubis.iam;

import java.util.List;

/** A policy: name (unique in the account), description, 1 to 50 statements. */
public record PolicyInput(String name, String description, List<PolicyStatement> statements) {
}
