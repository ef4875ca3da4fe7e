package io.nubis.iam;

/**
 * A feature's face for resources admins share (issue 9): images, L3 networks, instance and disk offerings. The feature
 * keeps "shared with every account" as its own flag; {@link Sharing} keeps the chosen accounts. Called inside the
 * sharing change's transaction.
 */
public interface Shareable {

    /** The resource type this bean speaks for, e.g. {@code image}. */
    String type();

    /**
     * The resource's name and whether it is shared with every account; 404 when unknown, 409 when it cannot be shared
     * (e.g. a tenant's own image).
     */
    Shared describe(String id);

    /** Sets whether the resource is shared with every account. */
    void setSharedWithAll(String id, boolean all);

    /** A shareable resource's name and its every-account flag. */
    record Shared(String name, boolean all) {
    }
}
