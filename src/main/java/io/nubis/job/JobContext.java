package io.nubis.job;

import io.nubis.iam.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running step sees: the job's identity, its immutable params, a mutable string map saved after each step (so
 * rollback and recovery find what earlier steps recorded), and a log. Log lines are for admins unless written with a
 * {@code public*} method; while {@link Workflow#onFailed} runs, {@link #publicError()} is what a tenant may read of the
 * failure.
 */
public final class JobContext {

    /** Where log lines go; the engine writes them to the job_log table. */
    @FunctionalInterface
    public interface LogSink {

        void write(String jobId, String level, LogAudience audience, String message);
    }

    private final String jobId;
    private final String type;
    private final String resourceId;
    private final String resourceName;
    private final String ownerAccountId;
    private final Caller caller;
    private final Map<String, String> params;
    private final Map<String, String> values;
    private final LogSink log;
    /** When this server began running the job (for the job duration metric). */
    private final long startedNanos = System.nanoTime();
    private String publicError;
    private Checkpoint checkpoint;
    private final List<Runnable> stepWrites = new java.util.ArrayList<>();
    private boolean rolledBack = true;

    /** Saves the recorded values now (the engine's lease-guarded write); set by the runner. */
    interface Checkpoint {

        void save(Map<String, String> values);
    }

    public JobContext(String jobId, String type, String resourceId, String resourceName, String ownerAccountId,
            Caller caller, Map<String, String> params, Map<String, String> values, LogSink log) {
        this.jobId = jobId;
        this.type = type;
        this.resourceId = resourceId;
        this.resourceName = resourceName;
        this.ownerAccountId = ownerAccountId;
        this.caller = caller;
        this.params = Map.copyOf(params);
        this.values = new LinkedHashMap<>(values);
        this.log = log;
    }

    public String jobId() {
        return jobId;
    }

    public String type() {
        return type;
    }

    public String resourceId() {
        return resourceId;
    }

    public String resourceName() {
        return resourceName;
    }

    public String ownerAccountId() {
        return ownerAccountId;
    }

    /** Who submitted the job; services called from steps authorize with it. */
    public Caller caller() {
        return caller;
    }

    /** A workflow input; throws when missing (a programming error). */
    public String param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalStateException("job " + jobId + " has no param " + key);
        }
        return v;
    }

    public Optional<String> optionalParam(String key) {
        return Optional.ofNullable(params.get(key));
    }

    public Map<String, String> params() {
        return params;
    }

    /**
     * Records a value for later steps and rollback; saved with the job's progress after the step (and after each
     * rollback). Null keys or values are refused: use a sentinel such as an empty string.
     */
    public void put(String key, String value) {
        values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of " + key));
    }

    /**
     * Records a value and saves it with the job <em>now</em>, before the step goes on: for a step that is about to
     * create something its rollback must find even if the server dies in the middle of the step ("record before you
     * act", docs/jobs.md). One guarded update of the job row; throws when this node no longer owns the job.
     */
    public void record(String key, String value) {
        put(key, value);
        if (checkpoint != null) {
            checkpoint.save(values());
        }
    }

    void checkpoint(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * A write that finishes what the running step made (e.g. marks a volume Ready): it runs inside the transaction that
     * records the step as done (the job's next progress update, or its final transaction when the step was the last or
     * no progress update came after it: {@link Workflow.Recovery#ROLLBACK}), so "the step is done" and its result
     * commit together, in one transaction instead of two. It runs only if the step ends well and this node still owns
     * the job; when the job rolls back instead, it is dropped (the step's rollback undoes what the step made, whatever
     * state it is in). A write that throws fails the step. It must be a short database write through a feature's
     * published face, never a host call.
     */
    public void whenStepRecorded(Runnable write) {
        stepWrites.add(Objects.requireNonNull(write, "write"));
    }

    /** The writes {@link #whenStepRecorded} collected since the last call, in order; the list is then empty. */
    List<Runnable> takeStepWrites() {
        List<Runnable> out = List.copyOf(stepWrites);
        stepWrites.clear();
        return out;
    }

    /**
     * Inside {@link Workflow#onFailed}: whether every rollback succeeded (the job ends RolledBack). False when a
     * rollback failed and the job ends Failed with an entry in the needs-attention list: the resource row must then
     * stay (in an error state) so that a retry of the clean-up can still find what it has to undo.
     */
    public boolean rolledBack() {
        return rolledBack;
    }

    void rolledBack(boolean value) {
        this.rolledBack = value;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Snapshot of the recorded values (the engine persists it). */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Where this context's log lines go (the engine flushes a buffer with its progress updates). */
    LogSink sink() {
        return log;
    }

    /**
     * What a tenant may read about this job's failure, in English, with the job's reference: set while
     * {@link Workflow#onFailed} runs (null before). Copy it next to the error wherever a resource keeps the reason of a
     * failure for its owner to see; the {@code error} argument of onFailed is for admins only.
     */
    public String publicError() {
        return publicError;
    }

    void publicError(String text) {
        this.publicError = text;
    }

    /** A line for admins: it may name hosts, addresses, paths and commands. */
    public void info(String message) {
        log("INFO", LogAudience.ADMIN, message);
    }

    /** A warning for admins. */
    public void warn(String message) {
        log("WARN", LogAudience.ADMIN, message);
    }

    /** An error line for admins. */
    public void error(String message) {
        log("ERROR", LogAudience.ADMIN, message);
    }

    /**
     * A line the job's tenants read too: write it for people, without host names or addresses, paths, commands or what
     * a host printed.
     */
    public void publicInfo(String message) {
        log("INFO", LogAudience.PUBLIC, message);
    }

    /** A warning the job's tenants read too (same rules as {@link #publicInfo}). */
    public void publicWarn(String message) {
        log("WARN", LogAudience.PUBLIC, message);
    }

    void log(String level, LogAudience audience, String message) {
        log.write(jobId, level, audience, message);
    }

    long startedNanos() {
        return startedNanos;
    }
}
