package io.nubis.driver.simulator;

import java.util.Map;

/**
 * A simulated machine as one call found it: its capacity and the files the call asked about.
 *
 * @param call the call (the machine's address and the action), for the statements the call goes on to send
 * @param cpus logical CPUs a host reports on connect
 * @param memoryMib memory a host reports on connect
 * @param storageBytes size of the file system holding storage
 * @param files the files the call asked about that exist, by path
 */
record Machine(Call call, int cpus, long memoryMib, long storageBytes, Map<String, SimulatedFile> files) {

    String address() {
        return call.address();
    }

    /** The file at the path if the call asked about it and it exists, else null. */
    SimulatedFile file(String path) {
        return files.get(path);
    }
}
