package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/** The host's cluster has no primary storage attached (or the storage is not attached to the host's cluster). */
public class NoPrimaryStorageException extends ConflictException {

    public NoPrimaryStorageException(String hostId) {
        super(Text.of(StorageMessages.class, m -> m.error_no_primary_storage(hostId)));
    }
}
