package io.nubis.iam;

/**
 * One quota of an account: what it holds and the most it may hold ({@code limit} -1: no limit); {@code source}: where
 * the limit comes from ({@code account}, {@code default} or {@code none}).
 */
public record QuotaView(QuotaKind kind, long usage, long limit, String source) {

    /** The message key of the kind's label in the portal ({@code quota_<KIND>}). */
    public String labelKey() {
        return "quota_" + kind.name();
    }

    /** Percent of the limit used (0 when there is none), for bars. */
    public int percent() {
        return limit <= 0 ? (limit == 0 && usage > 0 ? 100 : 0) : (int) Math.min(100, usage * 100 / limit);
    }
}
