package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostStatus;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.NetworkDrivers;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code l2.attach}: creates the L2 network's bridge on every Connected host of the cluster (param {@code clusterId}),
 * then marks the attachment Attached. Hosts that are not Connected are skipped with a warning: they get the bridge when
 * a VM needs it there ({@link NetworkProvisioner#ensureOnHost}).
 *
 * <p>
 * Rollback removes nothing from the hosts: a bridge left behind (up, without ports) is harmless, and
 * {@code ensureBridge} reuses it next time. Nubis never deletes bridges, so it can never remove one an administrator
 * made or another L2 network still uses. On failure the attachment row is removed.
 */
@ApplicationScoped
public class L2AttachWorkflow implements Workflow {

    public static final String TYPE = "l2.attach";
    static final String CLUSTER = "clusterId";

    @Inject
    HostAccess hosts;
    @Inject
    NetworkDrivers drivers;
    @Inject
    L2Lifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("ensure-bridges", this::ensureBridges));
    }

    private void ensureBridges(JobContext ctx) throws Exception {
        L2Lifecycle.Segment segment = lifecycle.segment(ctx.resourceId());
        List<HostAccess.HostRef> connected = hosts.connectedHosts(ctx.param(CLUSTER));
        if (connected.isEmpty()) {
            ctx.warn("the cluster has no Connected host yet: bridges are created when VMs need them");
        }
        for (HostAccess.HostRef h : connected) {
            BridgeSpec bridge = lifecycle.bridgeFor(segment, h);
            drivers.get(h.driverType()).ensureBridge(h.endpoint(), bridge);
            ctx.info("bridge " + bridge.name() + " is up on host " + h.name() + " (" + h.endpoint().address() + ")"
                    + (bridge.vxlan() == null ? "" : ", VXLAN peers " + bridge.vxlan().peers()));
        }
        if (segment.vni() != null) {
            // the hosts already carrying the segment learn the new cluster's hosts as peers
            for (String hostId : lifecycle.carriers(segment.l2Id())) {
                HostAccess.HostRef h = hosts.host(hostId);
                if (!h.clusterId().equals(ctx.param(CLUSTER)) && h.status() == HostStatus.Connected) {
                    drivers.get(h.driverType()).ensureBridge(h.endpoint(), lifecycle.bridgeFor(segment, h));
                    ctx.info("host " + h.name() + " knows the new peers");
                }
            }
        }
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        L2Attachment.update("state = ?1 where l2Id = ?2 and clusterId = ?3", AttachmentState.Attached,
                ctx.resourceId(), ctx.param(CLUSTER));
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        L2Attachment.delete("l2Id = ?1 and clusterId = ?2 and state = ?3", ctx.resourceId(), ctx.param(CLUSTER),
                AttachmentState.Attaching);
    }
}
