/**
 * Flat networking: {@link io.nubis.network.L2Network} (a Linux bridge per host, attached to clusters),
 * {@link io.nubis.network.L3Network} (an IPv4 subnet on an L2, shared with every tenant or not) with its IP ranges,
 * IPAM ({@link io.nubis.network.IpamService}) and the realisation of an L3 network on a host
 * ({@link io.nubis.network.NetworkProvisioner}: bridge + DHCP) through the {@link io.nubis.driver.NetworkDriver}.
 * Depends on platform, iam, job, driver and compute (zones, clusters, hosts). docs/networking.md explains the model.
 */
package io.nubis.network;
