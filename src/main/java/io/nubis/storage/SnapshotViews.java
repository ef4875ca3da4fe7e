package io.nubis.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot rows as views, ordered as a tree: each parent before its children, siblings in the order they were taken.
 */
@ApplicationScoped
class SnapshotViews {

    List<SnapshotView> tree(Volume vol, List<VolumeSnapshot> snapshots) {
        Map<String, List<VolumeSnapshot>> children = new HashMap<>();
        Map<String, VolumeSnapshot> byId = new HashMap<>();
        snapshots.forEach(s -> byId.put(s.id, s));
        List<VolumeSnapshot> roots = new ArrayList<>();
        for (VolumeSnapshot s : snapshots) {
            if (s.parentId == null || !byId.containsKey(s.parentId)) {
                roots.add(s);
            } else {
                children.computeIfAbsent(s.parentId, k -> new ArrayList<>()).add(s);
            }
        }
        List<SnapshotView> out = new ArrayList<>();
        for (VolumeSnapshot r : roots) {
            walk(vol, r, 0, children, out);
        }
        return out;
    }

    private static void walk(Volume vol, VolumeSnapshot s, int depth, Map<String, List<VolumeSnapshot>> children,
            List<SnapshotView> out) {
        out.add(new SnapshotView(s.id, s.volumeId, vol.name, s.parentId, s.name, s.description, s.status, s.sizeBytes,
                s.id.equals(vol.currentSnapshotId), depth, s.accountId, s.createdAt));
        for (VolumeSnapshot c : children.getOrDefault(s.id, List.of())) {
            walk(vol, c, depth + 1, children, out);
        }
    }
}
