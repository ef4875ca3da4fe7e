package io.nubis.storage;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostKeyChangedException;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The backup storage transitions the {@code backupstorage.*} workflows make, each in its own short transaction, and the
 * connect steps they share. Not for controllers: authorization happened when the job was submitted.
 */
@ApplicationScoped
public class BackupStorageLifecycle {

    /** How a step reaches a backup storage. */
    public record Target(BackupStorageEndpoint endpoint, BackupStorageDriver driver) {
    }

    @Inject
    SecretBox secrets;
    @Inject
    BackupStorageDrivers drivers;

    @Transactional
    public Target target(String id) throws DriverException {
        BackupStorage bs = BackupStorageService.find(id);
        return new Target(bs.endpoint(secrets), drivers.get(bs.type));
    }

    List<Step> connectSteps() {
        return List.of(Step.of("connect", this::connect), Step.of("record-capacity", this::record));
    }

    private void connect(JobContext ctx) throws Exception {
        Target t = target(ctx.resourceId());
        ctx.info("connecting to " + t.endpoint().address() + " with the " + t.driver().type() + " driver");
        BackupStorageFacts f;
        try {
            f = t.driver().connect(t.endpoint());
        } catch (HostKeyChangedException e) {
            recordPresentedKey(ctx.resourceId(), e.presented());
            throw e;
        }
        ctx.put("totalBytes", Long.toString(f.totalBytes()));
        ctx.put("availableBytes", Long.toString(f.availableBytes()));
        ctx.put("hostKeyFingerprint", f.hostKeyFingerprint() == null ? "" : f.hostKeyFingerprint());
        ctx.info("connected: " + f.availableBytes() + " of " + f.totalBytes() + " bytes available");
    }

    private void record(JobContext ctx) {
        recordFacts(ctx.resourceId(), Long.parseLong(ctx.get("totalBytes").orElseThrow()),
                Long.parseLong(ctx.get("availableBytes").orElseThrow()),
                ctx.get("hostKeyFingerprint").filter(s -> !s.isEmpty()).orElse(null));
    }

    @Transactional
    public void recordFacts(String id, long total, long available, String fingerprint) {
        BackupStorage bs = BackupStorageService.find(id);
        bs.totalBytes = total;
        bs.availableBytes = available;
        if (fingerprint != null) {
            bs.hostKeyFingerprint = fingerprint;
            bs.presentedHostKey = null;
        }
        bs.updatedAt = Instant.now();
    }

    @Transactional
    public void recordPresentedKey(String id, String fingerprint) {
        BackupStorage bs = BackupStorage.findById(id);
        if (bs != null) {
            bs.presentedHostKey = fingerprint;
            bs.updatedAt = Instant.now();
        }
    }

    /** Call inside a job's final transaction. */
    void markConnected(String id) {
        BackupStorage bs = BackupStorage.findById(id);
        if (bs != null) {
            bs.status = BackupStorageStatus.Connected;
            bs.statusReason = null;
            bs.connectedAt = Instant.now();
            bs.updatedAt = bs.connectedAt;
        }
    }

    /** Call inside a job's final transaction. */
    void markDisconnected(String id, String reason) {
        BackupStorage bs = BackupStorage.findById(id);
        if (bs != null) {
            bs.status = BackupStorageStatus.Disconnected;
            bs.statusReason = reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1024);
            bs.updatedAt = Instant.now();
        }
    }
}
