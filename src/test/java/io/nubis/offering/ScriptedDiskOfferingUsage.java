package io.nubis.offering;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DiskOfferingUsage} tests script (data volumes do not exist yet): offerings it was told about are "used";
 * every other one is not.
 */
@ApplicationScoped
public class ScriptedDiskOfferingUsage implements DiskOfferingUsage {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    public void set(String offeringId, long count) {
        if (count == 0) {
            counts.remove(offeringId);
        } else {
            counts.put(offeringId, count);
        }
    }

    @Override
    public long count(String offeringId) {
        return counts.getOrDefault(offeringId, 0L);
    }
}
