/**
 * Portal pages of VM instances ({@code /portal/vms}), for tenants and admins alike: list, create form, detail with
 * NICs, jobs and power actions, destroy confirmation. Thin controllers over {@link io.nubis.vm.VmService} and its
 * records; who may see and do what is the service's decision.
 */
package io.nubis.vm.web;
