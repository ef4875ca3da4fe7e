package io.nubis.driver;

import io.nubis.platform.Ids;
import java.util.regex.Pattern;

/**
 * The host device of a VM NIC (KVM: the tap device libvirt creates and plugs into the bridge). Its name is derived from
 * the Nubis NIC id, so that Nubis knows it before the VM starts: {@link VmDriver}s give the NIC this name, and
 * {@link NetworkDriver#ensureNicFilter} refers to it, also before the device exists.
 */
public final class NicDevice {

    /** {@code nb} and 12 lower-case hex digits: 14 characters, within the 15 a Linux interface name may have. */
    public static final Pattern NAME = Pattern.compile("^nb[0-9a-f]{12}$");

    private NicDevice() {
    }

    /**
     * {@code nb} + the first 12 hex digits of the NIC id (48 random bits: two NICs on one host share a name with a
     * chance of about n²/2^49). Never collides with the other names Nubis gives host devices ({@code nbr...},
     * {@code ndh...}): the third character is a hex digit.
     *
     * @throws IllegalArgumentException when {@code nicId} is not a lower-case UUID
     */
    public static String name(String nicId) {
        if (!Ids.isValid(nicId)) {
            throw new IllegalArgumentException("NIC id is not a lower-case UUID: " + nicId);
        }
        return "nb" + nicId.replace("-", "").substring(0, 12);
    }
}
