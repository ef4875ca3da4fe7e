package io.nubis.platform;

/**
 * "The server died here": thrown only in crash tests (issue 7), by the job engine's fault hook after a step or by a
 * simulated host scripted to crash the caller in the middle of a driver call ({@code SimulatorControl.crashNth}). The
 * job engine does not roll back or finish a job on it; the job stays as it was and recovery takes it over when its
 * lease expires, exactly as after a {@code kill -9}. Never thrown in production.
 */
public final class SimulatedCrash extends RuntimeException {

    /** The scripted-failure message a simulated host turns into a {@link SimulatedCrash} instead of a failure. */
    public static final String SCRIPT = "<simulated crash of the management server>";

    public SimulatedCrash(String where) {
        super("simulated crash " + where, null, false, false);
    }
}
