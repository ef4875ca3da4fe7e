package io.nubis.network;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/** Every address of the L3 network's ranges is allocated (409). */
public class NoFreeAddressException extends ConflictException {

    public NoFreeAddressException(String l3Name) {
        super(Text.of(NetworkMessages.class, m -> m.error_no_free_address(l3Name)));
    }
}
