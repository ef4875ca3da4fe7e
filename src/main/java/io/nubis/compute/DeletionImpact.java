package io.nubis.compute;

/** What deleting a zone or cluster with cascade would delete, shown before the admin confirms. */
public record DeletionImpact(long clusters, long hosts) {

    public boolean empty() {
        return clusters == 0 && hosts == 0;
    }
}
