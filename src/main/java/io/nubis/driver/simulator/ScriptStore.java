package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/**
 * Scripted failures ({@code sim_script}), shared by every server. A script names a call number of an action on a
 * machine; call numbers come from {@code sim_call_count}, which counts the calls of an action only while a script for
 * it exists (so unscripted calls write nothing). As no call goes uncounted while a script waits, "the nth call from
 * now" is the count now plus n. Each call takes its number with one atomic increment, so concurrent calls, on one
 * server or several, get distinct numbers and exactly one of them fails.
 */
@ApplicationScoped
class ScriptStore {

    @Inject
    SimulatorDatabase db;
    @Inject
    MachineStore machines;

    /**
     * Scripts a failure for the next call of the action that is not scripted to fail already (call it twice and the
     * next two calls fail).
     */
    void failNext(String address, SimulatorAction action, String message) {
        Call call = Call.control(address);
        machines.ensure(call);
        while (true) {
            long at = countNow(call, action) + 1;
            Set<Long> taken = new HashSet<>(db.list(call,
                    "SELECT at_call FROM sim_script WHERE address = ? AND action = ?", rs -> rs.getLong(1), address,
                    action.name()));
            while (taken.contains(at)) {
                at++;
            }
            if (add(call, action, at, message)) {
                return;
            }
            // another thread scripted that call meanwhile: look again
        }
    }

    /**
     * Scripts a failure for the nth call of the action from now (n = 1: the next one).
     *
     * @throws IllegalArgumentException when n is below 1 or that call is scripted to fail already
     */
    void failNth(String address, SimulatorAction action, int n, String message) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts calls from 1 (the next call), not " + n);
        }
        Call call = Call.control(address);
        machines.ensure(call);
        if (!add(call, action, countNow(call, action) + n, message)) {
            throw new IllegalArgumentException(
                    "call " + n + " from now of " + action + " on " + address + " is scripted to fail already");
        }
    }

    /** Calls of the action counted so far (only calls made while a script for the action waited are counted). */
    private long countNow(Call call, SimulatorAction action) {
        return db.one(call, "SELECT calls FROM sim_call_count WHERE address = ? AND action = ?", rs -> rs.getLong(1),
                call.address(), action.name()).orElse(0L);
    }

    /** Adds the script unless that call has one (the key decides, so two threads never script one call twice). */
    private boolean add(Call call, SimulatorAction action, long atCall, String message) {
        return db.applyUnlessDuplicate(call,
                "INSERT INTO sim_script (address, action, at_call, message) VALUES (?, ?, ?, ?)", call.address(),
                action.name(), atCall, message);
    }

    /**
     * Counts a call of an action that has scripts and returns the message of the script for it, or null (then a later
     * call is scripted). Removes the script it returns, and scripts whose call has passed.
     */
    String take(Call call) {
        String action = call.action().name();
        long n = db.updateReturningLastInsertId(call, "INSERT INTO sim_call_count (address, action, calls)"
                + " VALUES (?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE calls = LAST_INSERT_ID(calls + 1)",
                call.address(), action);
        String message = db.one(call, "SELECT message FROM sim_script WHERE address = ? AND action = ? AND at_call = ?",
                rs -> rs.getString(1), call.address(), action, n).orElse(null);
        if (message != null) {
            db.update(call, "DELETE FROM sim_script WHERE address = ? AND action = ? AND at_call <= ?",
                    call.address(), action, n);
        }
        return message;
    }
}
