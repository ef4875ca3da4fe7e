package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault injection for crash tests (issue 7): when armed for a job, the runner stops right after a step's side effects
 * and before its progress and context are saved, as if the server died there. The job keeps its state, lease and step
 * as they were; recovery takes it over once its lease expires. Inert unless a test arms it: production code never does,
 * and an unarmed hook costs one map lookup per step.
 */
@ApplicationScoped
public class JobFaultHook {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> fired = new ConcurrentHashMap<>();

    /** Arms a crash right after step {@code stepName} of the next job of type {@code jobType} that runs it. */
    public void armAfterStep(String jobType, String stepName) {
        armed.add(jobType + "|" + stepName);
    }

    /** The id of the job the crash armed for this type and step stopped, once it happened. */
    public Optional<String> crashedJob(String jobType, String stepName) {
        return Optional.ofNullable(fired.get(jobType + "|" + stepName));
    }

    /** Disarms everything and forgets what happened. */
    public void reset() {
        armed.clear();
        fired.clear();
    }

    void afterStep(JobSnapshot job, String stepName) {
        if (armed.isEmpty()) {
            return;
        }
        String key = job.type() + "|" + stepName;
        if (armed.remove(key)) {
            fired.put(key, job.id());
            throw new io.nubis.platform.SimulatedCrash(
                    "after " + job.type() + " step " + stepName + " of job " + job.id());
        }
    }
}
