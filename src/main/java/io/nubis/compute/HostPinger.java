package io.nubis.compute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostKeyChangedException;
import io.nubis.iam.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Pings every Connected and Disconnected host once per {@code nubis.hosts.ping-interval}. A Connected host that does
 * not answer turns Disconnected; a Disconnected host that answers gets a {@code host.reconnect} job, which re-reads its
 * capacity and makes it Connected again. Several management servers share the work: each claims due hosts with
 * {@code FOR UPDATE SKIP LOCKED} and pushes their next ping time forward before pinging.
 */
@ApplicationScoped
public class HostPinger {

    private static final Logger LOG = Logger.getLogger(HostPinger.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;
    @Inject
    HostsConfig config;
    @Inject
    HostLifecycle lifecycle;
    @Inject
    Event<HostAnswered> answered;
    @Inject
    Event<HostLost> lost;
    @Inject
    HostService hosts;
    @Inject
    MeterRegistry registry;

    private PingPool pool;

    private synchronized PingPool pool() {
        if (pool == null) {
            pool = new PingPool(config.pingConcurrency(), "host-ping");
        }
        return pool;
    }

    synchronized void shutdown(@Observes ShutdownEvent e) {
        if (pool == null) {
            pool = new PingPool(1, "host-ping"); // a round that starts after this finds the pool stopped
        }
        pool.stop();
    }

    @Scheduled(every = "${nubis.hosts.ping-interval}", delayed = "${nubis.hosts.ping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pingDueHosts() {
        PingPool p = pool();
        if (p.stopped()) {
            return;
        }
        List<Runnable> pings = new ArrayList<>();
        for (Due d : claimDue()) {
            pings.add(() -> ping(d));
        }
        p.runAll(pings, config.pingInterval().multipliedBy(2));
    }

    private record Due(String id, String address) {
    }

    private List<Due> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, address "
                    + "FROM host WHERE status IN ('Connected','Disconnected') AND (next_ping_at IS NULL OR next_ping_at <= ?1) "
                    + "ORDER BY next_ping_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED").setParameter(1, now)
                    .getResultList();
            List<Due> due = new ArrayList<>();
            for (Object[] r : rows) {
                due.add(new Due((String) r[0], (String) r[1]));
            }
            if (!due.isEmpty()) {
                em.createQuery("update Host set nextPingAt = :next where id in :ids")
                        .setParameter("next", now.plus(config.pingInterval()))
                        .setParameter("ids", due.stream().map(Due::id).toList()).executeUpdate();
            }
            return due;
        });
    }

    private void ping(Due d) {
        try {
            HostLifecycle.Target t = lifecycle.target(d.id());
            t.driver().ping(t.endpoint());
            counted(d, "ok");
            QuarkusTransaction.requiringNew().run(() -> answered(d));
            answered.fire(new HostAnswered(d.id(), t.endpoint(), t.driver().type()));
        } catch (HostKeyChangedException e) {
            counted(d, "failed");
            lifecycle.recordPresentedKey(d.id(), e.presented());
            QuarkusTransaction.requiringNew().run(() -> silent(d, e.getMessage()));
        } catch (DriverException e) {
            counted(d, "failed");
            QuarkusTransaction.requiringNew().run(() -> silent(d, e.getMessage()));
        } catch (io.nubis.platform.NotFoundException gone) {
            LOG.debugf("host %s was deleted while being pinged", d.address());
        } catch (RuntimeException e) {
            LOG.warnf(e, "ping of host %s failed unexpectedly", d.address());
        }
    }

    /** {@code nubis_host_pings_total{host,outcome}}: pings by host id, {@code ok} or {@code failed} (issue 13). */
    private void counted(Due d, String outcome) {
        Counter.builder("nubis.host.pings").description("Host pings by outcome")
                .tags("host", d.id(), "outcome", outcome)
                .register(registry).increment();
    }

    private void answered(Due d) {
        Host h = Host.findById(d.id());
        if (h == null) {
            return;
        }
        h.lastPingAt = Instant.now();
        if (h.status == HostStatus.Disconnected) {
            LOG.infof("host %s answers again: reconnecting", h.address);
            hosts.submitReconnect(Caller.system(), h);
        }
    }

    private void silent(Due d, String reason) {
        Host h = Host.findById(d.id());
        if (h != null && h.status == HostStatus.Connected) {
            LOG.infof("host %s does not answer: Disconnected (%s)", h.address, reason);
            h.status = HostStatus.Disconnected;
            h.statusReason = reason;
            h.updatedAt = Instant.now();
            lost.fire(new HostLost(h.id));
        }
    }
}
