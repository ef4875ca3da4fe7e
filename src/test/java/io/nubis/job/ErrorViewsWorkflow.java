package io.nubis.job;

import io.nubis.driver.DriverException;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import io.nubis.storage.StorageMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Test workflow {@code test.error-views}: one step that writes a log line for admins and one for tenants, then fails as
 * param {@code fail} says: {@code driver} (a DriverException with a technical detail only), {@code driver-public} (with
 * a text for people too), {@code nubis} (a NubisException), {@code unexpected} (an IllegalStateException). With
 * {@code failRollback=true} the step's rollback throws too. Every detail names an address, a path and a command.
 * onFailed records what the context offers a workflow to copy into its resource ({@code publicError:...}) in the
 * {@link StepJournal}.
 */
@ApplicationScoped
public class ErrorViewsWorkflow implements Workflow {

    static final String TYPE = "test.error-views";
    static final String ADDRESS = "192.0.2.45";
    static final String PATH = "/var/lib/nubis/ps-secret/volumes/disk-7.qcow2";
    static final String COMMAND = "qemu-img create -f qcow2 -b /var/lib/nubis/ps-secret/cache/img.qcow2";
    static final String DETAIL = "creating the root volume on " + ADDRESS + " failed: `" + COMMAND + " " + PATH
            + "` exited 1; stderr: " + PATH + ": Read-only file system";
    static final String PUBLIC = "The disk of the VM could not be created.";
    static final String ROLLBACK_DETAIL = "rm -f " + PATH + " on " + ADDRESS + ": Permission denied";
    static final String ADMIN_LINE = "running " + COMMAND + " on " + ADDRESS;
    static final String PUBLIC_LINE = "preparing the disk";

    @Inject
    StepJournal journal;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("create-disk", c -> {
            c.info(ADMIN_LINE);
            c.publicInfo(PUBLIC_LINE);
            switch (c.param("fail")) {
                case "driver" -> throw new DriverException(DETAIL);
                case "driver-public" -> throw new DriverException(DETAIL, PUBLIC);
                case "nubis" -> throw new ConflictException(
                        Text.of(StorageMessages.class, m -> m.error_image_not_ready("web-image", "Error")));
                default -> throw new IllegalStateException(DETAIL);
            }
        }, c -> {
            if ("true".equals(c.optionalParam("failRollback").orElse("false"))) {
                throw new IllegalStateException(ROLLBACK_DETAIL);
            }
        }));
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        journal.add(ctx.jobId(), "publicError:" + ctx.publicError());
    }
}
