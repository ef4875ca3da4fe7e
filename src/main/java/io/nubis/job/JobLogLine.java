package io.nubis.job;

import java.time.Instant;

/**
 * One line of a job's log. A tenant only ever receives lines with {@code adminOnly == false}.
 *
 * @param adminOnly true for a line only admins read (it may name hosts, paths or commands)
 */
public record JobLogLine(Instant at, String level, String message, boolean adminOnly) {
}
