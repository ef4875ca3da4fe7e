package io.nubis.vm;

import io.nubis.platform.Rows;
import io.nubis.storage.ImageUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** An ISO in a VM's CD-ROM drive stays (the drive reads its copy in the host's cache). */
@ApplicationScoped
public class VmIsoUsage implements ImageUsage {

    @Override
    public Optional<String> usedBy(String imageId) {
        long n = Rows.count(VmInstance.class, "isoImageId = ?1 and state <> ?2", imageId, VmState.Destroyed);
        return n == 0 ? Optional.empty() : Optional.of(n + (n == 1 ? " VM's CD-ROM drive" : " VMs' CD-ROM drives"));
    }
}
