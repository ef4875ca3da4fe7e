package io.nubis.driver;

import java.time.Duration;
import java.util.Map;

/**
 * Virtual machines on a hypervisor host. One implementation per hypervisor type. VMs are addressed by their Nubis UUID;
 * the hypervisor-side name is derived from it ({@code nubis-<uuid>}), never from the user's VM name.
 *
 * <p>
 * Common rules: a VM id that is not a lower-case UUID is refused with a {@link DriverException}; every failure is a
 * {@link DriverException} whose message names the VM, the host and the failed host command with its output. The volumes
 * and the console log file of a VM are never created or deleted by this driver (the console log's folder is created if
 * missing).
 */
public interface VmDriver {

    String type();

    /**
     * Defines the VM from the spec and starts it. Post-condition: the VM is defined and running. The spec is checked
     * first ({@link VmSpecRules}); a bad one fails before the host is touched.
     *
     * <p>
     * Idempotent: a VM already defined with this UUID is not redefined (its existing definition wins) and is started if
     * it is stopped or crashed, resumed if paused; a running VM is success. On failure, a definition this call made is
     * removed again (the VM is powered off first if it got that far), so a failed call leaves nothing behind; a
     * definition that existed before the call is left alone (the caller's rollback destroys it).
     */
    void createAndStart(HostEndpoint host, VmSpec spec) throws DriverException;

    /**
     * Starts a defined VM: boots a stopped or crashed one, resumes a paused one. Post-condition: running. Idempotent (a
     * running VM is success). A VM not defined on the host is an error ("not defined on host").
     */
    void start(HostEndpoint host, String vmId) throws DriverException;

    /**
     * Asks the guest to shut down (ACPI) and waits up to {@code grace} for it; then powers it off. A zero or null
     * grace, or a paused VM, is powered off at once. Post-condition: not running (still defined if it was). Idempotent:
     * stopping a stopped VM is success, and so is stopping a VM the host does not know (it lost the domain in a reboot:
     * nothing runs; issue 7).
     */
    void stop(HostEndpoint host, String vmId, Duration grace) throws DriverException;

    /**
     * Reboots a running VM: asks the guest (ACPI) and resets the VM when the guest does not reboot within the driver's
     * reboot grace (KVM: {@code nubis.kvm.vm-reboot-grace}). A VM that is not running, or not defined, is an error.
     */
    void reboot(HostEndpoint host, String vmId) throws DriverException;

    /**
     * Powers the VM off and removes its definition and its config drive; its volumes and console log stay.
     * Post-condition: no VM with this id is defined on the host. Idempotent: an unknown VM is success.
     */
    void destroy(HostEndpoint host, String vmId) throws DriverException;

    /**
     * Attaches a data volume to the VM (issue 8): to its definition, so it is there at every start, and, when the VM
     * runs, to the running guest too (hot-plug). Post-condition: the VM's definition (and the running VM) has the disk
     * at {@link DataDisk#target()}. Idempotent: a disk already there is success; another file at that device is an
     * error. A VM not defined on the host is success: the disk is part of the spec its next definition is made from.
     */
    void attachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException;

    /**
     * Detaches a data volume from the VM: from its definition first, then, when the VM runs, from the running guest,
     * which must release the device (ACPI hot-unplug). Post-condition: the disk is in neither. A guest that does not
     * release it within the driver's timeout (KVM: {@code nubis.kvm.disk-detach-timeout}) is an error: the disk is then
     * out of the definition and leaves the guest at its next stop. Idempotent: a disk not attached is success, and so
     * is a VM not defined on the host.
     */
    void detachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException;

    /**
     * Grows a disk of a running VM at once (KVM: {@code virsh blockresize}; the guest sees the new size). Returns true
     * when it did; false when the VM is not running (shut off or not defined), so the caller grows the file itself. The
     * disk at {@code target} must be {@code path}, else an error. Idempotent: a disk already that large is left alone
     * (true).
     */
    boolean growDisk(HostEndpoint host, String vmId, String target, String path, long sizeBytes)
            throws DriverException;

    /**
     * Puts an ISO into the VM's CD-ROM drive ({@code isoPath}), replacing what is there, or ejects it ({@code isoPath}
     * null) (issue 8): in its definition and, when it runs, in the running VM. Post-condition: the drive holds
     * {@code isoPath} (or nothing). Idempotent. A VM not defined on the host is success (its next definition is made
     * from a spec with the ISO). A VM defined before it had a drive gets one in its definition when it is not running;
     * a running one is an error (a drive cannot be plugged into a running VM).
     */
    void changeMedia(HostEndpoint host, String vmId, String isoPath) throws DriverException;

    /**
     * Opens the running VM's graphical console (issue 13): an RFB byte stream to its VNC server, which listens on the
     * host only (never on a network the guests or tenants reach). The caller closes it. A VM that is not running, or
     * was defined without a graphical console, is an error.
     */
    ConsoleStream openConsole(HostEndpoint host, String vmId) throws DriverException;

    /**
     * The last {@code maxBytes} bytes of a VM's serial console output (issue 13): the file given as
     * {@link VmSpec#consoleLogPath()} when the VM was defined, as UTF-8 text (a broken first character replaced); empty
     * when the VM has written nothing yet. Read-only.
     */
    String consoleLog(HostEndpoint host, String consoleLogPath, int maxBytes) throws DriverException;

    /**
     * Power state of every Nubis VM defined on the host (stopped ones included), by VM id; VMs not managed by Nubis are
     * left out. A guest that is shutting down still counts as {@link VmPowerState#Running}.
     */
    Map<String, VmPowerState> list(HostEndpoint host) throws DriverException;

    /**
     * Live-migrates the running VM from {@code source} to {@code target}, two hosts that see the same volumes (shared
     * primary storage, issue 12); the target's bridges and NIC rules are in place before (the caller's job). The guest
     * keeps running throughout (memory copied while it runs, then a short pause).
     *
     * <p>
     * Post-condition: the VM runs on {@code target}, persistently defined there, and is no longer defined on
     * {@code source}; anything the move needed on either host (KVM: a one-time SSH key) is gone. Idempotent: a VM
     * already running on the target and absent from the source is success. On failure the VM still runs on the source.
     */
    void migrate(HostEndpoint source, HostEndpoint target, String vmId) throws DriverException;
}
