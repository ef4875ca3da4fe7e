package io.nubis.vm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * MAC addresses for VM NICs: the QEMU/KVM locally administered prefix 52:54:00 and 24 random bits. A NIC keeps its MAC
 * after its VM is destroyed (history), so the addresses in use grow with the cloud: {@link #insert} writes a new NIC
 * with a drawn address and draws again when the unique key on {@code vm_nic.mac} refuses it (a NIC holds it, or another
 * request's uncommitted NIC: the insert waits for that one's outcome). No read first: one statement per NIC of every
 * create (issue 7), plain JDBC ({@link io.nubis.platform.Sql}; docs/architecture.md).
 */
@ApplicationScoped
class MacAddresses {

    private static final int DRAWS = 8;
    private static final String MAC_KEY = "uk_vm_nic_mac";
    private final Random random;

    @Inject
    io.nubis.platform.Sql sql;

    MacAddresses() {
        this(new SecureRandom());
    }

    /** With the given source of random bits (tests script it). */
    MacAddresses(Random random) {
        this.random = random;
    }

    /**
     * Inserts the NIC's row (its VM's row must exist) with a MAC address no NIC holds, which it sets on {@code nic}.
     * Joins the caller's transaction.
     *
     * @throws IllegalStateException when {@value #DRAWS} draws in a row were all taken
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void insert(VmNic nic) {
        for (int draw = 0; draw < DRAWS; draw++) {
            String mac = next();
            if (sql.insertUnlessDuplicate(MAC_KEY, "INSERT INTO vm_nic (id, vm_id, l3_id, device_index, mac, ip,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)", nic.id, nic.vmId, nic.l3Id, nic.deviceIndex, mac,
                    nic.createdAt)) {
                nic.mac = mac;
                return;
            }
        }
        throw new IllegalStateException("no free MAC address found in " + DRAWS + " draws");
    }

    String next() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return "52:54:00:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
    }
}
