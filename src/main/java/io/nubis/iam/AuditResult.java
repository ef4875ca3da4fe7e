package io.nubis.iam;

/** Outcome of an audited action. ACCEPTED: a job was started and will report its own outcome. */
public enum AuditResult {
    SUCCESS, ACCEPTED, FAILURE, DENIED
}
