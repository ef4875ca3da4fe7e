/**
 * Offerings: the sizes tenants choose from. {@link io.nubis.offering.InstanceOffering} (CPUs, memory, host allocator
 * strategy) with admin CRUD in {@link io.nubis.offering.OfferingService}. Which VMs use an offering is compute's
 * knowledge, asked through the {@link io.nubis.offering.OfferingUsage} seam. Depends on platform and iam.
 */
package io.nubis.offering;
