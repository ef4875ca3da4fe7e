package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The machines ({@code sim_machine}): capacity, storage size, reachability, whether a host driver connected it, and how
 * many images were copied into its cache. A machine row is made with the configured defaults the first time anything
 * names its address; every change is one upsert or conditional update.
 */
@ApplicationScoped
class MachineStore {

    @Inject
    SimulatorDatabase db;
    @Inject
    SimulatorConfig config;

    /** Makes the machine with the configured defaults unless it exists. */
    void ensure(Call call) {
        db.update(call, "INSERT IGNORE INTO sim_machine (address, cpus, memory_mib, storage_bytes) VALUES (?, ?, ?, ?)",
                call.address(), config.cpus(), config.memoryMib(), config.storageBytes());
    }

    /** Sets the capacity a host reports on its next connect (making the machine if needed). */
    void defineCapacity(String address, int cpus, long memoryMib) {
        db.update(Call.control(address),
                "INSERT INTO sim_machine (address, cpus, memory_mib, storage_bytes) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE cpus = ?, memory_mib = ?",
                address, cpus, memoryMib, config.storageBytes(), cpus, memoryMib);
    }

    void defineStorage(String address, long bytes) {
        db.update(Call.control(address),
                "INSERT INTO sim_machine (address, cpus, memory_mib, storage_bytes) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE storage_bytes = ?",
                address, config.cpus(), config.memoryMib(), bytes, bytes);
    }

    void setReachable(String address, boolean reachable) {
        db.update(Call.control(address),
                "INSERT INTO sim_machine (address, cpus, memory_mib, storage_bytes, reachable) VALUES (?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE reachable = ?",
                address, config.cpus(), config.memoryMib(), config.storageBytes(), reachable, reachable);
    }

    void setConnected(Call call, boolean connected) {
        db.update(call, "UPDATE sim_machine SET connected = ? WHERE address = ?", connected, call.address());
    }

    boolean isConnected(String address) {
        return db.one(Call.control(address), "SELECT connected FROM sim_machine WHERE address = ?",
                rs -> rs.getBoolean(1), address).orElse(false);
    }

    void countImageCopy(Call call) {
        db.update(call, "UPDATE sim_machine SET image_copies = image_copies + 1 WHERE address = ?", call.address());
    }

    int imageCopies(String address) {
        return db.one(Call.control(address), "SELECT image_copies FROM sim_machine WHERE address = ?",
                rs -> rs.getInt(1), address).orElse(0);
    }

    /** Bytes the machine's files take. */
    long usedBytes(Call call) {
        return db.one(call, "SELECT COALESCE(SUM(size_bytes), 0) FROM sim_file WHERE address = ?",
                rs -> rs.getLong(1), call.address()).orElse(0L);
    }

    /** Removes the machine and everything on it (files, VMs, bridges, DHCP, scripts): a freshly installed machine. */
    void reset(String address) {
        db.update(Call.control(address), "DELETE FROM sim_machine WHERE address = ?", address);
    }

    /** The machine rebooted: what lives in memory and the kernel is gone (domains, bridges, DHCP, NIC rules). */
    void reboot(String address) {
        for (String table : new String[]{"sim_domain", "sim_bridge", "sim_dhcp", "sim_nic_filter"}) {
            db.update(Call.control(address), "DELETE FROM " + table + " WHERE address = ?", address);
        }
        db.update(Call.control(address), "UPDATE sim_machine SET connected = FALSE WHERE address = ?", address);
    }

    /** Removes every simulated machine. */
    void resetAll() {
        db.update(Call.control(""), "DELETE FROM sim_machine");
    }
}
