package io.nubis.job;

/**
 * Who may read a line of a job's log. Steps write {@link #ADMIN} lines unless they ask otherwise (their lines name
 * hosts, paths and commands); the engine's own progress lines are {@link #PUBLIC}. Tenants never receive an ADMIN line,
 * whatever the page or API they read the log through.
 */
public enum LogAudience {
    /** Administrators only. */
    ADMIN,
    /** Everyone who may read the job: its account's tenants too. */
    PUBLIC
}
