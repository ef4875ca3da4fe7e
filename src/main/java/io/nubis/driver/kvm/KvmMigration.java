package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmPowerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Live migration between two KVM hosts (issue 12): the source's libvirtd connects to the target's over SSH
 * ({@code virsh migrate --live --p2p --tunnelled ... qemu+ssh://target/system}) and sends the domain and its memory
 * through that connection, so the guest's memory crosses the network encrypted (no qemu-to-qemu TCP port to open).
 *
 * <p>
 * <b>Keys</b>: hosts do not trust each other. For one migration Nubis makes a fresh ed25519 key pair on the source
 * ({@code /var/lib/nubis/migrate/<vm id>}), adds its public key to the target user's {@code authorized_keys} with
 * {@code from="<source address>"} and the comment {@code nubis-migrate-<vm id>}, and accepts the target only with the
 * host key Nubis pinned when it added the host ({@code ssh-keyscan}, then the fingerprint compared). Both are removed
 * when the migration ends, whatever the outcome, and again by the next migration of the VM (a crash in between).
 */
@ApplicationScoped
class KvmMigration {

    static final String DIR = "/var/lib/nubis/migrate";

    @Inject
    SshPool ssh;
    @Inject
    KvmConfigDrives configDrives;
    @Inject
    Virsh virsh;
    @Inject
    KvmConfig config;

    /** Makes the key pair on the source (any earlier one replaced) and prints the public key. Args: key file, VM id. */
    static final String MAKE_KEY = """
            set -e
            mkdir -p -m 700 "$(dirname "$1")"
            rm -f "$1" "$1.pub" "$1.known_hosts" "$1.ssh"
            ssh-keygen -q -t ed25519 -N '' -C "nubis-migrate-$2" -f "$1"
            cat "$1.pub"
            """;

    /**
     * Adds the public key for the source address to the user's authorized_keys (earlier keys of this VM removed). Args:
     * public key line, source address, VM id.
     */
    static final String AUTHORIZE = """
            set -e
            d="$HOME/.ssh"; mkdir -p -m 700 "$d"; f="$d/authorized_keys"; touch "$f"; chmod 600 "$f"
            grep -v " nubis-migrate-$3\\$" "$f" > "$f.nubis" || true
            printf 'from="%s",no-agent-forwarding,no-X11-forwarding,no-port-forwarding %s\\n' "$2" "$1" >> "$f.nubis"
            cat "$f.nubis" > "$f"; rm -f "$f.nubis"
            mkdir -p /var/log/nubis/console
            """;

    /** Removes this VM's keys from the user's authorized_keys. Args: VM id. */
    static final String REVOKE = """
            f="$HOME/.ssh/authorized_keys"
            [ -f "$f" ] || exit 0
            grep -v " nubis-migrate-$1\\$" "$f" > "$f.nubis" || true
            cat "$f.nubis" > "$f"; rm -f "$f.nubis"
            """;

    /**
     * On the source: pins the target's host key, writes the ssh command libvirt runs (this key, this known host,
     * nothing else), then migrates. Args: key file, target address, port, user, pinned fingerprint, domain, seconds.
     */
    static final String MIGRATE = """
            set -e
            kh="$1.known_hosts"
            ssh-keyscan -T 10 -p "$3" "$2" 2>/dev/null > "$kh.all" || true
            : > "$kh"
            while IFS= read -r line; do
              case "$line" in '#'*|'') continue ;; esac
              fp=$(printf '%s\\n' "$line" | ssh-keygen -lf - 2>/dev/null | awk '{print $2}')
              [ "$fp" = "$5" ] && printf '%s\\n' "$line" >> "$kh"
            done < "$kh.all"
            rm -f "$kh.all"
            if [ ! -s "$kh" ]; then echo "the target $2 did not show the host key Nubis trusts ($5)" >&2; exit 5; fi
            printf '#!/bin/sh\\nexec ssh -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=%s -i %s "$@"\\n' "$kh" "$1" > "$1.ssh"
            chmod 700 "$1.ssh"
            exec timeout "$7" virsh -c qemu:///system migrate --live --p2p --tunnelled --persistent \\
              --undefinesource "$6" "qemu+ssh://$4@$2:$3/system?command=$1.ssh"
            """;

    void migrate(HostEndpoint source, HostEndpoint target, String vmId) throws DriverException {
        String domain = DomainNames.of(vmId);
        Optional<DomainState> onSource = virsh.state(source, domain);
        if (onSource.isEmpty()) {
            if (virsh.state(target, domain).map(DomainState::power).orElse(null) == VmPowerState.Running) {
                cleanUp(source, target, vmId);
                return; // moved already (a retried step)
            }
            throw new DriverException("VM " + domain + " is not defined on host " + source.address());
        }
        if (onSource.get().power() != VmPowerState.Running) {
            throw new DriverException("VM " + domain + " is not running on host " + source.address()
                    + ": only a running VM migrates live");
        }
        String fingerprint = target.credentials().hostKeyFingerprint();
        if (fingerprint == null || !fingerprint.matches("^SHA256:[A-Za-z0-9+/=]+$")) {
            throw new DriverException("no trusted host key is known for " + target.address());
        }
        String key = DIR + "/" + vmId;
        try {
            String pub = KvmCommands.check(ssh, source, "making a migration key",
                    RemoteCommand.of("sh", "-c", MAKE_KEY, "nubis-migrate", key, vmId)).stdout().strip();
            if (!pub.matches("^ssh-ed25519 [A-Za-z0-9+/=]+ nubis-migrate-[0-9a-f-]{36}$")) {
                throw new DriverException("unexpected migration key on " + source.address() + ": " + pub);
            }
            KvmCommands.check(ssh, target, "authorizing the migration key",
                    RemoteCommand.of("sh", "-c", AUTHORIZE, "nubis-migrate", pub, source.address(), vmId));
            configDrives.copy(source, target, vmId); // the domain's second CD-ROM must exist on the target
            Duration timeout = config.storageCommandTimeout();
            ExecResult r = ssh.exec(source, RemoteCommand.of("sh", "-c", MIGRATE, "nubis-migrate", key,
                    target.address(), Integer.toString(target.port()), target.username(), fingerprint, domain,
                    Long.toString(timeout.toSeconds())).withTimeout(timeout.plusSeconds(30)));
            if (!r.ok()) {
                DriverException failed = new DriverException("migrating " + domain + " from " + source.address()
                        + " to " + target.address() + " failed: " + r.describe());
                if (virsh.state(target, domain).isEmpty()) {
                    quietly(() -> configDrives.remove(target, vmId)); // the VM stays on the source
                }
                throw failed;
            }
            quietly(() -> configDrives.remove(source, vmId));
        } finally {
            cleanUp(source, target, vmId);
        }
    }

    private interface HostCall {

        void run() throws DriverException;
    }

    /** A clean-up that may fail without failing the migration (a leftover config drive is only a small file). */
    private static void quietly(HostCall call) {
        try {
            call.run();
        } catch (DriverException | RuntimeException ignored) {
            // the VM's destroy removes it on whichever host it runs
        }
    }

    /** Removes the migration's key from both hosts; never throws. */
    void cleanUp(HostEndpoint source, HostEndpoint target, String vmId) {
        String key = DIR + "/" + vmId;
        try {
            ssh.exec(target, RemoteCommand.of("sh", "-c", REVOKE, "nubis-migrate", vmId));
        } catch (DriverException | RuntimeException ignored) {
            // the next migration of the VM removes it
        }
        try {
            ssh.exec(source,
                    RemoteCommand.of("rm", "-f", "--", key, key + ".pub", key + ".known_hosts", key + ".ssh"));
        } catch (DriverException | RuntimeException ignored) {
            // idem
        }
    }
}
