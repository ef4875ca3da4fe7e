package io.nubis.vm;

import io.nubis.driver.DriverException;
import io.nubis.securitygroup.NicOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Security groups reach VM NICs through this ({@link NicOwner}): a NIC's filter is written again from the database on
 * the host of its VM, one VM at a time under a per-VM lock, so two jobs that change one VM's groups cannot finish with
 * the older rules. VMs that are not Running or Stopped are skipped (a create or start writes the filters anyway).
 */
@ApplicationScoped
public class VmNicOwner implements NicOwner {

    private static final Logger LOG = Logger.getLogger(VmNicOwner.class);
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    VmStore store;
    @Inject
    VmNicFilters filters;

    @Override
    public void refresh(Collection<String> nicIds) throws DriverException {
        DriverException first = null;
        for (String vmId : store.vmsWithFilters(nicIds)) {
            synchronized (locks.computeIfAbsent(vmId, k -> new Object())) {
                try {
                    filters.ensure(vmId);
                } catch (DriverException e) {
                    LOG.warnf("filters of VM %s: %s", vmId, e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public Map<String, String> vmNames(Collection<String> vmIds) {
        return store.names(List.copyOf(vmIds)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
