package io.nubis.driver.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * VMs defined on simulated hosts ({@code sim_domain}): power state, boot count and the spec they were defined from.
 * Every power change is one conditional statement on the VM's row: "boot unless running or paused" is decided by the
 * database, not by a read followed by a write, so concurrent calls and servers never lose a boot or a stop.
 */
@ApplicationScoped
class DomainStore {

    /** Boots a stopped or crashed VM, resumes a paused one (no boot), leaves a running one alone. */
    private static final String RUN = "boots = boots + IF(state IN ('Running', 'Paused'), 0, 1), state = 'Running'";

    @Inject
    SimulatorDatabase db;
    @Inject
    ObjectMapper json;

    /** A defined VM as tests see it. */
    record Domain(VmPowerState state, int boots, VmSpec spec) {
    }

    /** Defines the VM from the spec unless it is defined (its definition is kept then), and runs it. */
    boolean defineAndRun(Call call, VmSpec spec, boolean guarded) {
        return db.update(call,
                "INSERT INTO sim_domain (address, vm_id, state, boots, spec) SELECT ?, ?, 'Running', 1, ?"
                        + " FROM DUAL" + CallGate.where(guarded) + " ON DUPLICATE KEY UPDATE " + RUN,
                CallGate.args(call, guarded, call.address(), spec.vmId(), write(spec))) > 0;
    }

    /** Runs a defined VM; false when the VM is not defined. */
    boolean run(Call call, String vmId) {
        return db.update(call, "UPDATE sim_domain SET " + RUN + " WHERE address = ? AND vm_id = ?", call.address(),
                vmId) > 0;
    }

    /** Powers a defined VM off; false when the VM is not defined. */
    boolean stop(Call call, String vmId) {
        return setState(call, vmId, VmPowerState.Stopped);
    }

    /** Reboots a running VM; false when the VM is not defined or not running. */
    boolean reboot(Call call, String vmId) {
        return db.update(call, "UPDATE sim_domain SET boots = boots + 1 WHERE address = ? AND vm_id = ?"
                + " AND state = 'Running'", call.address(), vmId) > 0;
    }

    /** Replaces a defined VM's spec (its data disks changed). */
    void setSpec(Call call, VmSpec spec) {
        db.update(call, "UPDATE sim_domain SET spec = ? WHERE address = ? AND vm_id = ?", write(spec), call.address(),
                spec.vmId());
    }

    void undefine(Call call, String vmId) {
        db.update(call, "DELETE FROM sim_domain WHERE address = ? AND vm_id = ?", call.address(), vmId);
    }

    /** Power states of the host's VMs, by id. */
    Map<String, VmPowerState> states(Call call) {
        Map<String, VmPowerState> out = new TreeMap<>();
        db.list(call, "SELECT vm_id, state FROM sim_domain WHERE address = ?",
                rs -> Map.entry(rs.getString(1), VmPowerState.valueOf(rs.getString(2))), call.address())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Puts a defined VM into a power state without booting it; false when the VM is not defined. */
    boolean setState(Call call, String vmId, VmPowerState state) {
        return db.update(call, "UPDATE sim_domain SET state = ? WHERE address = ? AND vm_id = ?", state.name(),
                call.address(), vmId) > 0;
    }

    Optional<Domain> get(Call call, String vmId) {
        return db.one(call, "SELECT state, boots, spec FROM sim_domain WHERE address = ? AND vm_id = ?",
                rs -> new Domain(VmPowerState.valueOf(rs.getString(1)), rs.getInt(2), read(rs.getString(3))),
                call.address(), vmId);
    }

    List<String> ids(String address) {
        return db.list(Call.control(address), "SELECT vm_id FROM sim_domain WHERE address = ? ORDER BY vm_id",
                rs -> rs.getString(1), address);
    }

    private String write(VmSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private VmSpec read(String text) {
        try {
            return json.readValue(text, VmSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable VM spec in sim_domain: " + e.getMessage(), e);
        }
    }
}
