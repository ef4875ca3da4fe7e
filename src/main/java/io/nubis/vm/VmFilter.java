package io.nubis.vm;

/**
 * Optional filters of the VM list. Destroyed VMs are hidden unless {@code state} asks for them. {@code sort}: a column
 * ({@code name}, {@code state}, {@code created}), descending with a leading {@code -}; default newest first.
 */
public record VmFilter(VmState state, String q, String hostId, String sort) {

    /** The columns a list may be sorted by, and their entity fields. */
    static final java.util.Map<String, String> SORTS = java.util.Map.of("name", "name", "state", "state", "created",
            "createdAt");

    public VmFilter(VmState state, String q, String hostId) {
        this(state, q, hostId, null);
    }

    public static VmFilter none() {
        return new VmFilter(null, null, null);
    }

    /** The Panache sort: the asked column (unknown ones ignored), then the id for a stable order. */
    io.quarkus.panache.common.Sort panacheSort() {
        String s = sort == null ? "" : sort.trim();
        boolean desc = s.startsWith("-");
        String field = SORTS.get(desc ? s.substring(1) : s);
        if (field == null) {
            return io.quarkus.panache.common.Sort.descending("createdAt").and("id");
        }
        return (desc
                ? io.quarkus.panache.common.Sort.descending(field)
                : io.quarkus.panache.common.Sort.ascending(field))
                .and("id");
    }
}
