package io.nubis.vm;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * MAC addresses for VM NICs: the QEMU/KVM locally administered prefix 52:54:00 and 24 random bits. Uniqueness is
 * enforced by the database (unique key on vm_nic.mac); with 16.7 million values a clash is rare and fails the request,
 * which the client may retry.
 */
@ApplicationScoped
class MacAddresses {

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return "52:54:00:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
    }
}
