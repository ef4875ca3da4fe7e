/** Admin pages of the iam feature: the audit trail. Uses {@link io.nubis.iam.AuditLog} and its view records only. */
package io.nubis.iam.web;
