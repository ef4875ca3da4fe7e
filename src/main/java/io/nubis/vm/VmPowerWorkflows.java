package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The power workflows of a VM: {@code vm.stop}, {@code vm.start} and {@code vm.reboot}. Each is one driver call; on
 * success the VM is Stopped or Running, on failure it goes back to the state it had (param {@code from}) with the
 * reason, and the reconciler corrects it from what the hypervisor reports.
 */
public final class VmPowerWorkflows {

    private VmPowerWorkflows() {
    }

    /** Shared shape: one step, then a final state. */
    abstract static class PowerWorkflow implements Workflow {

        @Inject
        VmLifecycle lifecycle;

        abstract String stepName();

        abstract void act(VmLifecycle.Placement p, JobContext ctx) throws Exception;

        abstract VmState result();

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of(stepName(), c -> act(lifecycle.placement(c.resourceId()), c)));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            lifecycle.setState(ctx.resourceId(), result(), null);
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error);
        }
    }

    /** {@code vm.stop}: graceful shutdown within {@code graceSeconds}, then power off. */
    @ApplicationScoped
    public static class Stop extends PowerWorkflow {

        public static final String TYPE = "vm.stop";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        String stepName() {
            return "stop";
        }

        @Override
        void act(VmLifecycle.Placement p, JobContext ctx) throws Exception {
            p.driver().stop(p.host(), p.vmId(), Duration.ofSeconds(Long.parseLong(ctx.param("graceSeconds"))));
        }

        @Override
        VmState result() {
            return VmState.Stopped;
        }
    }

    /** {@code vm.start}. */
    @ApplicationScoped
    public static class Start extends PowerWorkflow {

        public static final String TYPE = "vm.start";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        String stepName() {
            return "start";
        }

        @Override
        void act(VmLifecycle.Placement p, JobContext ctx) throws Exception {
            p.driver().start(p.host(), p.vmId());
        }

        @Override
        VmState result() {
            return VmState.Running;
        }
    }

    /** {@code vm.reboot}. */
    @ApplicationScoped
    public static class Reboot extends PowerWorkflow {

        public static final String TYPE = "vm.reboot";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        String stepName() {
            return "reboot";
        }

        @Override
        void act(VmLifecycle.Placement p, JobContext ctx) throws Exception {
            p.driver().reboot(p.host(), p.vmId());
        }

        @Override
        VmState result() {
            return VmState.Running;
        }
    }
}
