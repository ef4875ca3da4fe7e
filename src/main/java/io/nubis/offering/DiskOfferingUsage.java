package io.nubis.offering;

/**
 * Who uses a disk offering: the seam through which the feature that makes volumes from disk offerings (storage's data
 * volumes) tells {@link DiskOfferingService} that an offering may not be deleted. Like {@link OfferingUsage}: every
 * {@code @ApplicationScoped} implementation is asked and the answers are added up.
 */
public interface DiskOfferingUsage {

    /** How many resources of this feature (e.g. volumes not deleted) were created from the disk offering. */
    long count(String diskOfferingId);
}
