package io.nubis.driver.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many SQL statements the simulator sent from this server, in total and per machine and action (the counts of this
 * server only; they start at zero with the server). Tests read them to hold the simulator's cost per VM down; the
 * benchmark prints the total apart from Nubis's own statements.
 */
final class SimulatorStatements {

    private final LongAdder total = new LongAdder();
    private final Map<Call, LongAdder> byCall = new ConcurrentHashMap<>();

    void count(Call call) {
        total.increment();
        byCall.computeIfAbsent(call, c -> new LongAdder()).increment();
    }

    long total() {
        return total.sum();
    }

    /** Statements sent for calls of the action on the machine ({@code action} null: for tests' own looks). */
    long of(String address, SimulatorAction action) {
        LongAdder n = byCall.get(new Call(address, action));
        return n == null ? 0 : n.sum();
    }

    /** Forgets the per-machine counts of the machine (a reset machine starts again from zero). */
    void forget(String address) {
        byCall.keySet().removeIf(c -> c.address().equals(address));
    }
}
