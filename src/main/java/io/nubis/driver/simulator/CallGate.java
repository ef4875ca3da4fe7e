package io.nubis.driver.simulator;

import io.nubis.driver.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every simulated driver call enters here: it takes {@code nubis.simulator.latency}, is counted, then fails with the
 * failure scripted for it or because the machine does not answer; otherwise it gets the machine as it is now.
 *
 * <p>
 * Cost: one statement reads the machine, whether a failure is scripted for the action, and the files the call names (so
 * a call that only checks a file costs one statement in all); a call whose whole work is one write makes that write
 * carry the same checks instead ({@link #enterWriting}: one statement in all when it succeeds). Only a call with a
 * script pending writes (its call number); a machine named for the first time is made with the configured defaults.
 *
 * <p>
 * The call counts of {@link #calls} are this server's, in memory (test observations, not the simulated world).
 */
@ApplicationScoped
class CallGate {

    @Inject
    SimulatorDatabase db;
    @Inject
    SimulatorConfig config;
    @Inject
    MachineStore machines;
    @Inject
    ScriptStore scripts;

    private final Map<Call, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** The state a call found: the machine, whether it answers, whether a failure is scripted for the action. */
    private record Found(Machine machine, boolean reachable, boolean scripted) {
    }

    /**
     * One call of {@code action} on the machine at {@code address}, which needs to know the files at {@code paths}.
     *
     * @throws DriverException the scripted failure, or "does not answer" for an unreachable machine
     */
    Machine enter(String address, SimulatorAction action, String... paths) throws DriverException {
        Call call = new Call(address, action);
        pass(call);
        return entered(call, paths);
    }

    /**
     * The condition a call's write carries when it goes first ({@link #enterWriting}): the machine exists and answers,
     * and no failure is scripted for the action. Binds the machine's address, then the action's name.
     */
    static final String ANSWERS = "EXISTS (SELECT 1 FROM sim_machine m WHERE m.address = ? AND m.reachable"
            + " AND NOT EXISTS (SELECT 1 FROM sim_script s WHERE s.address = m.address AND s.action = ?))";

    /** {@link #ANSWERS} as the WHERE clause of a write that goes first, or nothing. */
    static String where(boolean guarded) {
        return guarded ? " WHERE " + ANSWERS : "";
    }

    /** A write's arguments, then those of {@link #ANSWERS} when it is guarded (its condition comes last). */
    static Object[] args(Call call, boolean guarded, Object... args) {
        if (!guarded) {
            return args;
        }
        Object[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = call.address();
        all[args.length + 1] = call.action().name();
        return all;
    }

    /** A call's one write, with {@link #ANSWERS} in it ({@code guarded}) or without; true when it wrote. */
    @FunctionalInterface
    interface Write {

        boolean run(Call call, boolean guarded);
    }

    /**
     * A call whose whole work is one write that needs nothing of the machine: the write goes first, guarded by
     * {@link #ANSWERS}, so a call that succeeds costs one statement. When it wrote nothing (the machine is new, does
     * not answer, has a failure scripted for the action, or the write itself found nothing to write to), the call goes
     * on as {@link #enter} does (the scripted failure or "does not answer" is thrown) and the write runs unguarded.
     *
     * @return what the write answered
     */
    boolean enterWriting(String address, SimulatorAction action, Write write) throws DriverException {
        Call call = new Call(address, action);
        pass(call);
        if (write.run(call, true)) {
            return true;
        }
        entered(call);
        return write.run(call, false);
    }

    private Machine entered(Call call, String... paths) throws DriverException {
        String address = call.address();
        SimulatorAction action = call.action();
        Found found = read(call, paths);
        if (found == null) {
            machines.ensure(call);
            found = read(call, paths);
            if (found == null) {
                throw new DriverException("simulated machine " + address + " was reset during the call");
            }
        }
        if (found.scripted()) {
            String message = scripts.take(call);
            if (io.nubis.platform.SimulatedCrash.SCRIPT.equals(message)) {
                throw new io.nubis.platform.SimulatedCrash("during " + action + " on " + address);
            }
            if (message != null) {
                throw new DriverException(message);
            }
        }
        if (!found.reachable()) {
            throw new DriverException((action.name().startsWith("BS_") ? "backup storage " : "host ") + address
                    + " does not answer");
        }
        return found.machine();
    }

    /**
     * A call that cannot fail (disconnect): it takes the latency and is counted, nothing else (only an interrupt stops
     * it).
     */
    Call pass(String address, SimulatorAction action) throws DriverException {
        Call call = new Call(address, action);
        pass(call);
        return call;
    }

    int calls(String address, SimulatorAction action) {
        AtomicInteger n = calls.get(new Call(address, action));
        return n == null ? 0 : n.get();
    }

    /** Forgets the call counts (all of them, or the machine's). */
    void forgetCalls(String address) {
        calls.keySet().removeIf(c -> address == null || c.address().equals(address));
    }

    private void pass(Call call) throws DriverException {
        long ms = config.latency().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted");
            }
        }
        calls.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
    }

    private Found read(Call call, String[] paths) {
        StringBuilder sql = new StringBuilder("SELECT m.cpus, m.memory_mib, m.storage_bytes, m.reachable,"
                + " EXISTS (SELECT 1 FROM sim_script s WHERE s.address = m.address AND s.action = ?)");
        StringBuilder joins = new StringBuilder();
        Object[] args = new Object[2 * paths.length + 2];
        args[0] = call.action().name();
        for (int i = 0; i < paths.length; i++) {
            String f = "f" + i;
            for (String column : FileStore.COLUMNS.split(", ")) {
                sql.append(", ").append(f).append('.').append(column);
            }
            // the machine's own file, or the shared export's for an nfs:// path
            joins.append(" LEFT JOIN sim_file ").append(f).append(" ON ").append(f).append(".address = ? AND ")
                    .append(f).append(".path = ?");
            args[2 * i + 1] = FileStore.owner(call.address(), paths[i]);
            args[2 * i + 2] = paths[i];
        }
        args[2 * paths.length + 1] = call.address();
        sql.append(" FROM sim_machine m").append(joins).append(" WHERE m.address = ?");
        return db.one(call, sql.toString(), rs -> {
            Map<String, SimulatedFile> files = new HashMap<>();
            for (int i = 0; i < paths.length; i++) {
                SimulatedFile f = file(rs, 6 + 5 * i);
                if (f != null) {
                    files.put(paths[i], f);
                }
            }
            return new Found(new Machine(call, rs.getInt(1), rs.getLong(2), rs.getLong(3), files),
                    rs.getBoolean(4), rs.getBoolean(5));
        }, args).orElse(null);
    }

    /** The file whose {@link FileStore#COLUMNS} start at column {@code first}, or null when they are null. */
    static SimulatedFile file(ResultSet rs, int first) throws SQLException {
        long size = rs.getLong(first);
        if (rs.wasNull()) {
            return null;
        }
        return new SimulatedFile(null, size, rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3),
                rs.getString(first + 4));
    }
}
