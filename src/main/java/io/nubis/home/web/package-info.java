/**
 * Landing pages that bring several features together: {@code /} sends each caller to its home, {@code /admin} is the
 * admin dashboard, {@code /portal} the tenant home. Uses the compute, job, iam and vm services; nothing depends on it.
 */
package io.nubis.home.web;
