/**
 * Portal side of iam: the audit trail page, and the signed-in user the layout shows. Uses
 * {@link io.nubis.iam.AuditLog}, {@link io.nubis.iam.CallerResolver} and their records only.
 */
package io.nubis.iam.web;
