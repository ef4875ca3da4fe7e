package io.nubis.compute;

import io.nubis.driver.DriverException;

import io.nubis.driver.HostFacts;
import io.nubis.driver.HostKeyChangedException;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The steps that connect a host, shared by {@code host.add} and {@code host.reconnect}. */
@ApplicationScoped
class HostConnectSteps {

    @Inject
    HostLifecycle lifecycle;
    @Inject
    jakarta.enterprise.event.Event<HostReconnected> reconnected;

    List<Step> steps() {
        return List.of(Step.of("connect", this::connect, this::disconnect), Step.of("record-capacity", this::record),
                Step.of("restore-guests", this::restoreGuests));
    }

    private void connect(JobContext ctx) throws Exception {
        HostLifecycle.Target t = lifecycle.target(ctx.resourceId());
        ctx.info("connecting to " + t.endpoint().address() + " with the " + t.driver().type() + " driver");
        HostFacts f;
        try {
            f = t.driver().connect(t.endpoint());
        } catch (HostKeyChangedException e) {
            lifecycle.recordPresentedKey(ctx.resourceId(), e.presented());
            throw e;
        }
        HostLifecycle.factsToMap(f).forEach(ctx::put);
        ctx.info("connected: " + f.cpus() + " CPUs, " + f.memoryMib() + " MiB, " + f.hypervisorVersion());
    }

    private void disconnect(JobContext ctx) {
        HostLifecycle.Target t = lifecycle.target(ctx.resourceId());
        t.driver().disconnect(t.endpoint());
    }

    private void record(JobContext ctx) {
        HostFacts f = new HostFacts(Integer.parseInt(ctx.get("cpus").orElseThrow()),
                Long.parseLong(ctx.get("memoryMib").orElseThrow()), ctx.get("cpuModel").orElse(null),
                ctx.get("hypervisorVersion").orElse(null), ctx.get("osVersion").orElse(null),
                ctx.get("hostKeyFingerprint").filter(s -> !s.isEmpty()).orElse(null),
                ctx.get("vlanSupported").filter(s -> !s.isEmpty()).map(Boolean::valueOf).orElse(null),
                ctx.get("nfsMode").filter(s -> !s.isEmpty()).orElse(null));
        lifecycle.recordFacts(ctx.resourceId(), f);
    }

    /** Lets the features re-create what the host's guests need (a rebooted host has lost it): see HostReconnected. */
    private void restoreGuests(JobContext ctx) throws DriverException {
        try {
            reconnected.fire(new HostReconnected(ctx.resourceId()));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DriverException d) {
                    throw new DriverException(e.getMessage() == null ? d.getMessage() : d.getMessage(), d);
                }
            }
            throw e;
        }
    }
}
