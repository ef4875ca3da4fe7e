package io.nubis.storage;

import java.util.Optional;

/**
 * A seam for other features: something that uses an image and must keep it from being deleted (e.g. VMs created from
 * it). Implement as an {@code @ApplicationScoped} bean; {@link ImageService#delete} asks every one inside its
 * transaction, with the image row locked.
 */
public interface ImageUsage {

    /** A short text naming what uses the image (e.g. {@code 2 VMs}), or empty when nothing does. */
    Optional<String> usedBy(String imageId);
}
