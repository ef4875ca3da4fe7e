package io.nubis.job;

import java.time.Instant;

/** One line of a job's log. */
public record JobLogLine(Instant at, String level, String message) {
}
