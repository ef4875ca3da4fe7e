package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/** A primary storage (on a host, for Local) has less available space than asked for; nothing was reserved. */
public class StorageFullException extends ConflictException {

    public StorageFullException(String storageName, String hostId, long wanted, long available) {
        super(Text.of(StorageMessages.class, m -> m.error_storage_full(storageName, available, hostId, wanted)));
    }

    private StorageFullException(Text message) {
        super(message);
    }

    /** An iSCSI storage has no free LUN of at least {@code wanted} bytes ({@code largest}: its largest free one). */
    static StorageFullException noLun(String storageName, long wanted, long largest) {
        return new StorageFullException(
                Text.of(StorageMessages.class, m -> m.error_iscsi_no_lun(storageName, wanted, largest)));
    }
}
