package io.nubis.storage;

import io.nubis.driver.DriverException;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code primarystorage.refresh} (issue 12): asks hosts what the storage has now and records it: on Local storage each
 * connected host of the attached clusters (its own capacity), on shared storage the first connected host that answers
 * (one capacity for all; an iSCSI target's LUNs as {@link IscsiLuns#sync} records them, e.g. after the storage admin
 * added some). One step, idempotent (a resumed job asks again), nothing to roll back: it only records what hosts said.
 */
@ApplicationScoped
public class PrimaryStorageRefreshWorkflow implements Workflow {

    public static final String TYPE = "primarystorage.refresh";

    @Inject
    PrimaryStorageHosts psHosts;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("rescan", this::rescan));
    }

    private void rescan(JobContext c) throws DriverException {
        boolean shared = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> PrimaryStorageService.find(c.resourceId()).shared());
        List<String> hosts = new ArrayList<>();
        for (String cluster : psHosts.attachedClusters(c.resourceId())) {
            hosts.addAll(psHosts.connectedHosts(cluster));
        }
        if (hosts.isEmpty()) {
            String why = "no connected host of a cluster primary storage " + c.resourceName() + " is attached to";
            throw new DriverException(why, why);
        }
        DriverException last = null;
        for (String host : hosts) {
            try {
                PrimaryStorageHosts.Prepared p = psHosts.prepare(c.resourceId(), host);
                c.info("host " + host + ": " + p.availableBytes() + " of " + p.totalBytes() + " bytes available");
                if (shared) {
                    return; // one host sees the whole storage
                }
            } catch (DriverException e) {
                c.info("host " + host + " could not read the storage: " + e.getMessage());
                last = e;
            }
        }
        if (last != null && (shared || hosts.size() == 1)) {
            throw last;
        }
    }
}
