package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code primarystorage.attach}: prepare the storage on every connected host of the cluster (folders, capacity row).
 * Success: the attachment is Attached. Failure: hosts this job prepared are released again (empty folders removed,
 * capacity rows deleted) and the attachment is forgotten.
 */
@ApplicationScoped
public class PrimaryStorageAttachWorkflow implements Workflow {

    public static final String TYPE = "primarystorage.attach";

    @Inject
    PrimaryStorageHosts hosts;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("prepare-hosts", this::prepare, this::unprepare));
    }

    /**
     * Prepares every Connected host of the cluster. A host without a capacity row is recorded (saved with the job at
     * once) before it is prepared, so the rollback finds it even when the server dies in the middle of the host call.
     */
    private void prepare(JobContext ctx) throws Exception {
        String ps = ctx.resourceId();
        List<String> created = new ArrayList<>(prepared(ctx));
        for (String hostId : hosts.connectedHosts(ctx.param("clusterId"))) {
            boolean fresh = hosts.capacityRow(ps, hostId) == null;
            if (fresh && !created.contains(hostId)) {
                created.add(hostId);
                ctx.record("prepared", String.join(",", created));
            }
            PrimaryStorageHosts.Prepared p;
            try {
                p = hosts.prepare(ps, hostId);
            } catch (io.nubis.platform.SimulatedCrash crash) {
                throw crash;
            } catch (Exception e) {
                if (fresh) {
                    // the host said no: undo what it may have made now, so the rollback need not reach it again
                    hosts.releaseQuietly(ps, hostId);
                    created.remove(hostId);
                    ctx.put("prepared", String.join(",", created));
                }
                throw e;
            }
            ctx.info("prepared on host " + hostId + ": " + p.availableBytes() + " of " + p.totalBytes()
                    + " bytes available");
        }
    }

    private void unprepare(JobContext ctx) throws Exception {
        for (String hostId : prepared(ctx)) {
            hosts.unprepare(ctx.resourceId(), hostId);
        }
    }

    private static List<String> prepared(JobContext ctx) {
        return ctx.get("prepared").filter(s -> !s.isEmpty()).map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        hosts.markAttached(ctx.resourceId(), ctx.param("clusterId"));
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        hosts.forgetAttachment(ctx.resourceId(), ctx.param("clusterId"));
    }
}
