package io.nubis.offering;

/**
 * Who uses an offering: the seam through which features that create things from offerings (compute's VMs, later others)
 * tell the offering service that an offering may not be deleted. Each such feature provides one
 * {@code @ApplicationScoped} implementation; {@link OfferingService} adds up the answers of all of them, so none is
 * needed while nothing uses offerings yet, and a test can add its own.
 */
public interface OfferingUsage {

    /** How many resources of this feature (e.g. VMs not deleted) were created from the offering. */
    long count(String offeringId);
}
