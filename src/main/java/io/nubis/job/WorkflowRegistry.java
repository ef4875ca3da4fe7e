package io.nubis.job;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Finds the {@link Workflow} bean of a job type. Every CDI bean implementing Workflow registers itself by
 * {@link Workflow#type()}; two beans claiming one type stop the server at startup (a programming error).
 */
@ApplicationScoped
public class WorkflowRegistry {

    private static final Logger LOG = Logger.getLogger(WorkflowRegistry.class);

    @Inject
    @Any
    Instance<Workflow> beans;

    private Map<String, Workflow> byType;

    @PostConstruct
    void init() {
        Map<String, Workflow> map = new TreeMap<>();
        for (Workflow w : beans) {
            Workflow previous = map.putIfAbsent(w.type(), w);
            if (previous != null) {
                throw new IllegalStateException("two workflows claim job type " + w.type() + ": "
                        + previous.getClass().getName() + " and " + w.getClass().getName());
            }
        }
        byType = Map.copyOf(map);
        LOG.debugf("workflows: %s", byType.keySet());
    }

    /** The workflow of {@code type}, empty when no bean declares it. */
    public Optional<Workflow> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every registered job type, sorted. */
    public Set<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
