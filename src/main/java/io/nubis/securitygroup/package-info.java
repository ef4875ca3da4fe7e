/**
 * Security groups (issue 11): groups of an account with ingress and egress rules, and the VM NICs in them. The rules
 * become each member NIC's firewall ({@link io.nubis.driver.NicFirewall}, part of its NIC filter), written on the NIC's
 * host by the vm feature through {@link io.nubis.securitygroup.MemberFilters}. Depends on platform, iam, job and
 * driver. docs/security-groups.md explains the model and how hosts enforce it.
 */
package io.nubis.securitygroup;
