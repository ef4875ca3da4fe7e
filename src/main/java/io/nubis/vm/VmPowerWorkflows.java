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

    /** The driver call of a power workflow. */
    @FunctionalInterface
    interface PowerAction {

        void act(VmLifecycle.Placement p, JobContext ctx) throws Exception;
    }

    /** Shared shape: one step (a driver call), then a final state. */
    abstract static class PowerWorkflow implements Workflow {

        @Inject
        VmLifecycle lifecycle;

        private final String type;
        private final String stepName;
        private final VmState result;
        private final PowerAction action;

        PowerWorkflow(String type, String stepName, VmState result, PowerAction action) {
            this.type = type;
            this.stepName = stepName;
            this.result = result;
            this.action = action;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of(stepName, c -> action.act(lifecycle.placement(c.resourceId()), c)));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            lifecycle.setState(ctx.resourceId(), result, null);
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error, ctx.publicError());
        }
    }

    /** {@code vm.stop}: graceful shutdown within {@code graceSeconds}, then power off. */
    @ApplicationScoped
    public static class Stop extends PowerWorkflow {

        public static final String TYPE = "vm.stop";

        Stop() {
            super(TYPE, "stop", VmState.Stopped, (p, ctx) -> p.driver().stop(p.host(), p.vmId(),
                    Duration.ofSeconds(Long.parseLong(ctx.param("graceSeconds")))));
        }
    }

    /**
     * {@code vm.start}: ensures the NICs' anti-spoofing rules first (a host that rebooted lost them), then starts the
     * domain.
     */
    @ApplicationScoped
    public static class Start extends PowerWorkflow {

        public static final String TYPE = "vm.start";

        @Inject
        VmCreateSteps steps;

        Start() {
            super(TYPE, "start", VmState.Running, (p, ctx) -> p.driver().start(p.host(), p.vmId()));
        }

        /**
         * The create's last two steps: the VM's bridges and DHCP on its host, then its NIC rules and "define unless
         * defined, then start". So a VM whose host rebooted (and lost the domain, bridges and DHCP) starts again even
         * before the host is reconnected (issue 7).
         */
        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("plug-networks", steps::plugNetworks), Step.of("start", steps::defineAndStart));
        }
    }

    /** {@code vm.reboot}. */
    @ApplicationScoped
    public static class Reboot extends PowerWorkflow {

        public static final String TYPE = "vm.reboot";

        Reboot() {
            super(TYPE, "reboot", VmState.Running, (p, ctx) -> p.driver().reboot(p.host(), p.vmId()));
        }
    }
}
