package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/** A local primary storage on a host has less available space than asked for; nothing was reserved. */
public class StorageFullException extends ConflictException {

    public StorageFullException(String storageName, String hostId, long wanted, long available) {
        super(Text.of(StorageMessages.class, m -> m.error_storage_full(storageName, available, hostId, wanted)));
    }
}
