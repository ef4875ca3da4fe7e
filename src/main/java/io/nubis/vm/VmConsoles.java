package io.nubis.vm;

import io.nubis.driver.ConsoleStream;
import io.nubis.driver.DriverException;
import io.nubis.iam.Audited;
import io.nubis.iam.AuditLog;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * VM consoles (issue 13). A user who may see a running VM asks for a <b>console ticket</b>: a random one-time token
 * (256 bits), valid for that VM only, for {@link #TICKET_LIFE}, bound to the user who asked (audited as
 * {@code vm.console}); only its SHA-256 is stored. The browser opens the console WebSocket with it
 * ({@code /console/ws/{vm id}?token=...}, {@link ConsoleProxy}): the first use consumes it (a second use, another VM's
 * id or an expired token is refused), and the proxy joins the WebSocket to the VM's VNC server through the host driver.
 * Also the serial console output (read-only).
 */
@ApplicationScoped
public class VmConsoles {

    static final Duration TICKET_LIFE = Duration.ofSeconds(60);
    /** The serial output a page shows: the last 64 KiB. */
    static final int LOG_BYTES = 65536;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(VmConsoles.class);

    @Inject
    VmService vms;
    @Inject
    VmStore store;
    @Inject
    VmLifecycle lifecycle;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    /** A console ticket: the token (shown once), when it expires and the WebSocket path it opens. */
    public record Ticket(String vmId, String token, Instant expiresAt, String path) {

        Ticket(String vmId, String token, Instant expiresAt) {
            this(vmId, token, expiresAt, "/console/ws/" + vmId + "?token=" + token);
        }
    }

    /** A ticket for the caller's console of a running VM they may see (404 otherwise; 409 when not running). */
    @Audited("vm.console")
    @Transactional
    public Ticket ticket(Caller caller, String vmId) {
        VmInstance vm = vms.find(caller, vmId);
        if (vm.state != VmState.Running || vm.hostId == null) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_console_not_running(vm.name)));
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        Instant expires = now.plus(TICKET_LIFE);
        em.createNativeQuery("INSERT INTO console_token (token_hash, vm_id, account_id, user_id, username, created_at,"
                + " expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, hash(token))
                .setParameter(2, vm.id).setParameter(3, vm.accountId).setParameter(4, caller.userId())
                .setParameter(5, caller.username()).setParameter(6, now).setParameter(7, expires).executeUpdate();
        audit.success(caller, "vm.console", VmService.target(vm), "console ticket until " + expires);
        return new Ticket(vm.id, token, expires);
    }

    /**
     * Consumes a ticket for {@code vmId}: true when it was valid (this VM, not used, not expired); it cannot be used
     * again either way.
     */
    boolean consume(String vmId, String token) {
        if (token == null || token.isBlank() || token.length() > 100 || vmId == null) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("UPDATE console_token SET used_at = ?1"
                + " WHERE token_hash = ?2 AND vm_id = ?3 AND used_at IS NULL AND expires_at > ?1")
                .setParameter(1, Instant.now()).setParameter(2, hash(token)).setParameter(3, vmId)
                .executeUpdate() == 1);
    }

    /** Opens the VM's console on its host (after {@link #consume}); empty when it no longer runs anywhere. */
    Optional<ConsoleStream> open(String vmId) throws DriverException {
        VmStore.Snapshot vm = QuarkusTransaction.requiringNew().call(() -> {
            VmInstance row = VmInstance.findById(vmId);
            return row == null || row.state != VmState.Running || row.hostId == null ? null : store.snapshot(vmId);
        });
        if (vm == null) {
            return Optional.empty();
        }
        VmLifecycle.Placement p = lifecycle.placement(vm);
        return Optional.of(p.driver().openConsole(p.host(), vm.id()));
    }

    /** The last {@link #LOG_BYTES} of the VM's serial output, for a caller who may see it. */
    public String serialLog(Caller caller, String vmId) {
        VmStore.Snapshot vm = QuarkusTransaction.requiringNew().call(() -> {
            vms.find(caller, vmId);
            return store.snapshot(vmId);
        });
        if (vm.hostId() == null) {
            return "";
        }
        VmLifecycle.Placement p = lifecycle.placement(vm);
        try {
            return p.driver().consoleLog(p.host(), VmLifecycle.consoleLog(vm.id()), LOG_BYTES);
        } catch (DriverException e) {
            LOG.infof("reading the serial output of VM %s failed: %s", vmId, e.getMessage());
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_console_log_unavailable(vm.name())));
        }
    }

    /** Tickets end their life an hour after they expire (used or not). */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("DELETE FROM console_token WHERE expires_at < ?1")
                        .setParameter(1, Instant.now().minus(Duration.ofHours(1))).executeUpdate());
    }

    static String hash(String token) {
        return io.nubis.platform.SecretHash.of(token);
    }
}
