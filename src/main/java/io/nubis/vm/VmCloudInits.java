package io.nubis.vm;

import io.nubis.driver.ConfigDrive;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * cloud-init for VMs (issue 13): checks what a tenant gives at create (fields {@code cloudInit.hostname},
 * {@code cloudInit.sshKeys}, {@code cloudInit.userData}), keeps it ({@code vm_cloud_init}) and turns it into the
 * {@link ConfigDrive} the host driver gives the VM. The meta-data is written by Nubis from checked values only
 * (instance id, host name, keys matching the OpenSSH format, each quoted), so a tenant cannot add YAML of their own
 * there; the user data is the tenant's, passed as is to the guest and never read by Nubis or the host.
 */
@ApplicationScoped
class VmCloudInits {

    static final int MAX_KEYS = 10;
    private static final Pattern HOSTNAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern SSH_KEY = Pattern.compile(
            "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [\\x20-\\x7e]{1,200})?$");

    /** A checked request: the host name to use and the keys and user data, or null when the tenant gave none. */
    record Request(String hostname, List<String> sshKeys, String userData) {
    }

    /** Checks the input into {@code v}; null when there is no cloud-init data (no config drive). */
    Request validate(Validation v, CloudInitInput in, String vmName) {
        if (in == null || (blank(in.hostname()) && (in.sshKeys() == null || in.sshKeys().isEmpty())
                && (in.userData() == null || in.userData().isEmpty()))) {
            return null;
        }
        String hostname = blank(in.hostname()) ? fromName(vmName) : in.hostname().trim();
        v.check(HOSTNAME.matcher(hostname).matches(), "cloudInit.hostname",
                Text.of(VmMessages.class, m -> m.error_cloud_init_hostname()));
        List<String> keys = new ArrayList<>();
        if (in.sshKeys() != null) {
            v.check(in.sshKeys().size() <= MAX_KEYS, "cloudInit.sshKeys",
                    Text.of(VmMessages.class, m -> m.error_cloud_init_too_many_keys(MAX_KEYS)));
            int i = 0;
            for (String k : in.sshKeys()) {
                i++;
                if (blank(k)) {
                    continue;
                }
                int index = i;
                String key = k.strip();
                if (SSH_KEY.matcher(key).matches()) {
                    keys.add(key);
                } else {
                    v.add("cloudInit.sshKeys", Text.of(VmMessages.class, m -> m.error_cloud_init_key(index)));
                }
            }
        }
        String userData = in.userData() == null ? "" : in.userData();
        v.check(userData.getBytes(StandardCharsets.UTF_8).length <= ConfigDrive.MAX_USER_DATA_BYTES,
                "cloudInit.userData",
                Text.of(VmMessages.class, m -> m.error_cloud_init_user_data_size(ConfigDrive.MAX_USER_DATA_BYTES)));
        v.check(userData.indexOf('\0') < 0, "cloudInit.userData",
                Text.of(VmMessages.class, m -> m.error_cloud_init_user_data_text()));
        return new Request(hostname, List.copyOf(keys), userData);
    }

    /** Keeps the request of a new VM; call in the create's transaction. */
    void save(String vmId, Request r, Instant now) {
        VmCloudInit row = new VmCloudInit();
        row.vmId = vmId;
        row.hostname = r.hostname();
        row.sshKeys = r.sshKeys().isEmpty() ? null : String.join("\n", r.sshKeys());
        row.userData = r.userData().isEmpty() ? null : r.userData();
        row.createdAt = now;
        row.persist();
    }

    /** The VM's config drive, or null when it has no cloud-init data; call in a transaction. */
    ConfigDrive configDrive(String vmId) {
        VmCloudInit row = VmCloudInit.findById(vmId);
        if (row == null) {
            return null;
        }
        List<String> keys = row.sshKeys == null ? List.of() : List.of(row.sshKeys.split("\n"));
        return new ConfigDrive(metaData(vmId, row.hostname, keys), row.userData == null ? "" : row.userData);
    }

    /** NoCloud meta-data (YAML) from checked values; every value is quoted. */
    static String metaData(String vmId, String hostname, List<String> keys) {
        StringBuilder y = new StringBuilder();
        y.append("instance-id: ").append(quote(vmId)).append('\n');
        y.append("local-hostname: ").append(quote(hostname)).append('\n');
        if (!keys.isEmpty()) {
            y.append("public-keys:\n");
            for (String k : keys) {
                y.append("  - ").append(quote(k)).append('\n');
            }
        }
        return y.toString();
    }

    /** A host name from a VM name: lower case, other characters to hyphens, trimmed to a DNS label. */
    static String fromName(String vmName) {
        String h = vmName == null ? "" : vmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        h = h.replaceAll("^-+", "");
        if (h.length() > 63) {
            h = h.substring(0, 63);
        }
        h = h.replaceAll("-+$", "");
        return h.isEmpty() ? "vm" : h;
    }

    /** A YAML double-quoted scalar of printable ASCII (the checked values are). */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
