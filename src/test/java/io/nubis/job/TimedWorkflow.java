package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Test workflow {@code test.timed}: one step that sleeps {@code sleepMs} (default 0) and records when it ran in the
 * {@link StepJournal}.
 */
@ApplicationScoped
public class TimedWorkflow implements Workflow {

    public static final String TYPE = "test.timed";

    @Inject
    StepJournal journal;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        long sleep = Long.parseLong(ctx.optionalParam("sleepMs").orElse("0"));
        return List.of(Step.of("work", c -> {
            long start = System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            journal.interval(c.jobId(), start, System.nanoTime());
        }));
    }
}
