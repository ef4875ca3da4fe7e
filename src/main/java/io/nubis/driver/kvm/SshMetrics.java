package io.nubis.driver.kvm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nubis.driver.HostEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * SSH metrics (issue 13): {@code nubis_ssh_command_seconds{host,outcome}}, a histogram of every command's latency per
 * host (the host's id, not its address), outcome {@code ok} (exit 0), {@code nonzero} (the command failed) or
 * {@code error} (no answer: connection, timeout); and {@code nubis_ssh_connections}, the pooled connections (see
 * {@link SshPool}).
 */
@ApplicationScoped
class SshMetrics {

    private static final Duration[] SLO = {Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(120)};

    @Inject
    MeterRegistry registry;

    void command(HostEndpoint ep, String outcome, long nanos) {
        Timer.builder("nubis.ssh.command").description("Latency of SSH commands run on hosts")
                .tags("host", ep.hostId() == null ? "new" : ep.hostId(), "outcome", outcome)
                .serviceLevelObjectives(SLO).register(registry).record(Duration.ofNanos(nanos));
    }

    void connections(SshPool pool) {
        registry.gauge("nubis.ssh.connections", pool, SshPool::openConnections);
    }
}
