package io.nubis.iam;

/** Attach a policy to a principal of its account: {@code principalType} USER or GROUP, and its id. */
public record AttachmentInput(String principalType, String principalId) {
}
