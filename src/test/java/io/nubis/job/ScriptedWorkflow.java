package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Test workflow {@code test.scripted} ({@link ScriptedSteps}); interrupted jobs are resumed. */
@ApplicationScoped
public class ScriptedWorkflow implements Workflow {

    static final String TYPE = "test.scripted";

    @Inject
    StepJournal journal;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return ScriptedSteps.of(ctx, journal);
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        journal.add(ctx.jobId(), "onSucceeded");
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        journal.add(ctx.jobId(), "onFailed:" + error);
    }
}
