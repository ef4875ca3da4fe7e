package io.nubis.storage;

/** Life of an image: being imported, usable, failed (with a reason), being deleted. */
public enum ImageStatus {
    Downloading, Ready, Error, Deleting
}
