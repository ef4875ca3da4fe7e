/**
 * Compute inventory: zones, clusters, hosts (and, later, VM instances). Admin-only. Host changes that touch a host run
 * as jobs ({@code host.*} workflows) through the {@link io.nubis.driver.HostDriver} of the cluster's hypervisor type;
 * {@link io.nubis.compute.HostPinger} keeps host status true. Depends on platform, iam, job and driver.
 */
package io.nubis.compute;
