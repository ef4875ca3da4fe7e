package io.nubis.storage;

/** Life of a volume. */
public enum VolumeStatus {
    Creating, Ready, Deleting
}
