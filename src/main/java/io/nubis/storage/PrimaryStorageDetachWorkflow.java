package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code primarystorage.detach} (issue 12): the attachment is Detaching (no new volume goes there), then every
 * connected host of the cluster gives up what Nubis put there for the storage: its cached images (files, then rows),
 * its empty folders (Local; the per-host cache folder of iSCSI), and for Ceph the libvirt secret and the cephx key file
 * and conf (those stay where a Ceph backup storage gateway of the same user reads them). One step, idempotent (a
 * resumed job finds what is left), no rollback: what it removed was unused (a cache copy and the key are made again by
 * the next attach). Hosts that are not connected keep theirs (a warning in the job's log). Success: the attachment and
 * the hosts' capacity rows go; failure: the attachment is Attached again.
 */
@ApplicationScoped
public class PrimaryStorageDetachWorkflow implements Workflow {

    public static final String TYPE = "primarystorage.detach";
    static final String CLUSTER = "clusterId";

    @Inject
    PrimaryStorageHosts hosts;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("release-hosts", c -> {
            String ps = c.resourceId();
            String cluster = c.param(CLUSTER);
            List<String> connected = hosts.connectedHosts(cluster);
            for (String host : hosts.hostsOf(cluster)) {
                if (!connected.contains(host)) {
                    c.info("host " + host + " is not connected: what it holds for this storage stays there");
                    continue;
                }
                int removed = hosts.release(ps, host);
                c.info("host " + host + " released the storage (" + removed + " cached image(s) removed)");
            }
        }));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        hosts.forgetCluster(ctx.resourceId(), ctx.param(CLUSTER));
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        hosts.markAttached(ctx.resourceId(), ctx.param(CLUSTER));
    }
}
