/**
 * Tenancy seam: accounts, the Keycloak user to account mapping, the one access-check component every service calls, and
 * the audit log. Full IAM (groups, policies, quotas, user management) grows here. Depends on platform only.
 */
package io.nubis.iam;
