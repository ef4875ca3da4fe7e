package io.nubis.job;

import io.nubis.driver.DriverException;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps whose behaviour the job's params script: {@code steps} (count, default 3), {@code failAt} (index of the step
 * whose run throws a DriverException), {@code failRollbackAt} (index of the step whose rollback throws), {@code skip}
 * (comma-separated indexes of steps with nothing to do, {@link Step#skips}), {@code writeAt} (comma-separated indexes
 * of steps that hand the engine a finishing write, {@link JobContext#whenStepRecorded}: it journals
 * "write:INDEX@STATE/STEP", the job row's state and step index as its own transaction sees them), {@code failWriteAt}
 * (index of the step whose finishing write throws), {@code sleepMs} (how long each step sleeps) and {@code sleepAt}
 * (comma-separated indexes of the steps that sleep; default all). Steps are named s1, s2, ... and record every call in
 * the {@link StepJournal}.
 */
final class ScriptedSteps {

    static final String CAUSE = "disk full on host h1";

    private ScriptedSteps() {
    }

    static List<Step> of(JobContext ctx, StepJournal journal) {
        int count = Integer.parseInt(ctx.optionalParam("steps").orElse("3"));
        int failAt = Integer.parseInt(ctx.optionalParam("failAt").orElse("-1"));
        int failRollbackAt = Integer.parseInt(ctx.optionalParam("failRollbackAt").orElse("-1"));
        long sleepMs = Long.parseLong(ctx.optionalParam("sleepMs").orElse("0"));
        List<String> sleepAt = ctx.optionalParam("sleepAt").map(v -> List.of(v.split(","))).orElse(null);
        List<String> skip = List.of(ctx.optionalParam("skip").orElse("").split(","));
        List<String> writeAt = List.of(ctx.optionalParam("writeAt").orElse("").split(","));
        int failWriteAt = Integer.parseInt(ctx.optionalParam("failWriteAt").orElse("-1"));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            steps.add(Step.when(c -> !skip.contains(String.valueOf(index)), "s" + (i + 1), c -> {
                journal.add(c.jobId(), "run:" + index);
                c.put("ran" + index, "yes");
                if (sleepMs > 0 && (sleepAt == null || sleepAt.contains(String.valueOf(index)))) {
                    Thread.sleep(sleepMs);
                }
                if (writeAt.contains(String.valueOf(index))) {
                    c.whenStepRecorded(() -> {
                        Object[] row = (Object[]) Job.getEntityManager()
                                .createNativeQuery("SELECT state, step_index FROM job WHERE id = ?1")
                                .setParameter(1, c.jobId()).getSingleResult();
                        journal.add(c.jobId(), "write:" + index + "@" + row[0] + "/" + row[1]);
                        if (index == failWriteAt) {
                            throw new IllegalStateException("cannot finish s" + (index + 1));
                        }
                    });
                }
                if (index == failAt) {
                    throw new DriverException(CAUSE + " (step s" + (index + 1) + ")");
                }
            }, c -> {
                journal.add(c.jobId(), "rollback:" + index);
                if (index == failRollbackAt) {
                    throw new IllegalStateException("cannot undo s" + (index + 1));
                }
            }));
        }
        return steps;
    }
}
