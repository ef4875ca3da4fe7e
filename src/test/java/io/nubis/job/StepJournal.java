package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the test workflows did, per job, in the order they did it: "run:0", "rollback:1", "onFailed:...". */
@ApplicationScoped
public class StepJournal {

    /** When a timed step ran, in {@link System#nanoTime()} units. */
    public record Interval(long start, long end) {

        boolean overlaps(Interval o) {
            return start < o.end && o.start < end;
        }
    }

    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final Map<String, Interval> intervals = new ConcurrentHashMap<>();

    void add(String jobId, String event) {
        events.computeIfAbsent(jobId, k -> new ArrayList<>());
        synchronized (events.get(jobId)) {
            events.get(jobId).add(event);
        }
    }

    void interval(String jobId, long start, long end) {
        intervals.put(jobId, new Interval(start, end));
    }

    public List<String> events(String jobId) {
        List<String> list = events.getOrDefault(jobId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    public Interval interval(String jobId) {
        return intervals.get(jobId);
    }
}
