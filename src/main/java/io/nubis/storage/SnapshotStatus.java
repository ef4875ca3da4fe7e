package io.nubis.storage;

/**
 * Life of a volume snapshot: Creating until its job took it, then Ready; Reverting, Copying (a new volume is made from
 * it) or Deleting while a job works on it. Only a Ready snapshot takes a new request; a volume with a snapshot in
 * another state is busy (no attach, delete or grow).
 */
public enum SnapshotStatus {
    Creating, Ready, Reverting, Copying, Deleting
}
