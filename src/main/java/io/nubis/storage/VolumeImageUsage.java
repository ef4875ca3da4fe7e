package io.nubis.storage;

import io.nubis.platform.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Volumes cloned from an image keep it (their backing file is its cached copy). */
@ApplicationScoped
public class VolumeImageUsage implements ImageUsage {

    @Override
    public Optional<String> usedBy(String imageId) {
        long n = Rows.count(Volume.class, "imageId = ?1", imageId);
        return n == 0 ? Optional.empty() : Optional.of(n + (n == 1 ? " volume" : " volumes"));
    }
}
