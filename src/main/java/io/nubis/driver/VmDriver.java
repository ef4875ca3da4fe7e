package io.nubis.driver;

import java.time.Duration;
import java.util.Map;

/**
 * Virtual machines on a hypervisor host. One implementation per hypervisor type. VMs are addressed by their Nubis UUID;
 * the hypervisor-side name is derived from it ({@code nubis-<uuid>}), never from the user's VM name.
 */
public interface VmDriver {

    String type();

    /**
     * Defines the VM from the spec and starts it. Post-condition: the VM is running. Idempotent: a VM already defined
     * with this UUID is started if it is not running. On failure the definition is removed again.
     */
    void createAndStart(HostEndpoint host, VmSpec spec) throws DriverException;

    /** Starts a defined, stopped VM. Idempotent (a running VM is success). */
    void start(HostEndpoint host, String vmId) throws DriverException;

    /**
     * Asks the guest to shut down (ACPI) and waits up to {@code grace}; then powers it off. Post-condition: stopped.
     * Idempotent.
     */
    void stop(HostEndpoint host, String vmId, Duration grace) throws DriverException;

    /** Reboots a running VM (guest reboot, or reset when the guest ignores it). */
    void reboot(HostEndpoint host, String vmId) throws DriverException;

    /** Powers the VM off and removes its definition; its volumes stay. Idempotent: an unknown VM is success. */
    void destroy(HostEndpoint host, String vmId) throws DriverException;

    /** Power state of every Nubis VM on the host, by VM id; VMs not managed by Nubis are left out. */
    Map<String, VmPowerState> list(HostEndpoint host) throws DriverException;
}
