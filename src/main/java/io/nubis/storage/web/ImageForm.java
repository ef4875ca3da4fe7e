package io.nubis.storage.web;

import io.nubis.storage.ImageInput;

/** The image registration form as submitted. */
public record ImageForm(String name, String description, String format, String url, String backupStorageId,
        boolean shared) {

    static ImageForm empty() {
        return new ImageForm("", "", "qcow2", "", "", true);
    }

    ImageInput input() {
        return new ImageInput(name, description, format, url, backupStorageId, shared);
    }
}
