package io.nubis.driver.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.nubis.driver.BackupStorageDrivers;

/**
 * The simulator as another management server has it: every simulator object built afresh by hand over the same
 * datasource, sharing nothing in memory with this server's beans. What it sees of the simulated world, it can only have
 * from the database, as a second server (or this one after a restart) would.
 */
final class SecondServer {

    final SimulatorDatabase db = new SimulatorDatabase();
    final MachineStore machines = new MachineStore();
    final ScriptStore scripts = new ScriptStore();
    final CallGate gate = new CallGate();
    final FileStore files = new FileStore();
    final DomainStore domains = new DomainStore();
    final NetworkStore networks = new NetworkStore();
    final SimulatorControl control = new SimulatorControl();
    final SimulatorHostDriver hostDriver = new SimulatorHostDriver();
    final SimulatorVmDriver vmDriver = new SimulatorVmDriver();
    final SimulatorNetworkDriver networkDriver = new SimulatorNetworkDriver();
    final SimulatorStorageDriver storageDriver = new SimulatorStorageDriver();
    final SimulatorBackupStorageDriver backupStorageDriver = new SimulatorBackupStorageDriver();

    SecondServer(AgroalDataSource dataSource, SimulatorConfig config, ObjectMapper json,
            BackupStorageDrivers backupStorages) {
        db.dataSource = dataSource;
        machines.db = db;
        machines.config = config;
        scripts.db = db;
        scripts.machines = machines;
        gate.db = db;
        gate.config = config;
        gate.machines = machines;
        gate.scripts = scripts;
        files.db = db;
        domains.db = db;
        domains.json = json;
        networks.db = db;
        networks.json = json;
        control.gate = gate;
        control.machines = machines;
        control.scripts = scripts;
        control.fileStore = files;
        control.domains = domains;
        control.networks = networks;
        control.db = db;
        hostDriver.gate = gate;
        hostDriver.machines = machines;
        vmDriver.gate = gate;
        vmDriver.domains = domains;
        networkDriver.gate = gate;
        networkDriver.networks = networks;
        storageDriver.gate = gate;
        storageDriver.machines = machines;
        storageDriver.files = files;
        storageDriver.backupStorages = backupStorages;
        backupStorageDriver.gate = gate;
        backupStorageDriver.machines = machines;
        backupStorageDriver.files = files;
    }
}
