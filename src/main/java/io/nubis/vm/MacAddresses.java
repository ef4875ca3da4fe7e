package io.nubis.vm;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * MAC addresses for VM NICs: the QEMU/KVM locally administered prefix 52:54:00 and 24 random bits. A NIC keeps its MAC
 * after its VM is destroyed (history), so the addresses in use grow with the cloud: {@link #fresh} draws again for any
 * the database already holds. The unique key on {@code vm_nic.mac} stays the last word: two requests that drew the same
 * new address at the same moment get a 409 for the second ({@link VmService#create}).
 */
@ApplicationScoped
class MacAddresses {

    private static final int DRAWS = 8;
    private final Random random;

    MacAddresses() {
        this(new SecureRandom());
    }

    /** With the given source of random bits (tests script it). */
    MacAddresses(Random random) {
        this.random = random;
    }

    /** {@code count} distinct addresses that no NIC holds yet. */
    List<String> fresh(int count) {
        Set<String> picked = new LinkedHashSet<>();
        for (int draw = 0; draw < DRAWS && picked.size() < count; draw++) {
            Set<String> candidates = new LinkedHashSet<>();
            while (candidates.size() < count - picked.size()) {
                String mac = next();
                if (!picked.contains(mac)) {
                    candidates.add(mac);
                }
            }
            // one query per address (a VM has few NICs): an "IN :macs" query is translated again on every call
            for (String mac : candidates) {
                if (VmNic.getEntityManager().createQuery("SELECT 1 FROM VmNic n WHERE n.mac = :mac", Integer.class)
                        .setParameter("mac", mac).setMaxResults(1).getResultList().isEmpty()) {
                    picked.add(mac);
                }
            }
        }
        if (picked.size() < count) {
            throw new IllegalStateException("no free MAC address found in " + DRAWS + " draws");
        }
        return new ArrayList<>(picked);
    }

    String next() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return "52:54:00:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
    }
}
