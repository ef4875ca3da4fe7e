package io.nubis.driver.kvm;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Host key policy for one connection: trust on first use, then only that key. With no expected fingerprint the key the
 * host presents is accepted and remembered ({@link #presented()}), so the caller can store it; with one, any other key
 * is refused and JSch aborts the connection before authenticating (no password is sent to an impostor).
 */
final class HostKeyGuard implements HostKeyRepository {

    private final String expected;
    private volatile String presented;

    HostKeyGuard(String expectedFingerprint) {
        this.expected = expectedFingerprint;
    }

    /** OpenSSH-style fingerprint of a public key blob: {@code SHA256:} + unpadded base64 of its SHA-256. */
    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String presented() {
        return presented;
    }

    /** True when the host showed a key other than the expected one. */
    boolean mismatch() {
        return expected != null && presented != null && !expected.equals(presented);
    }

    String expected() {
        return expected;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = fingerprint(key);
        return expected == null || expected.equals(presented) ? OK : CHANGED;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // nothing to persist here: the compute service stores the accepted fingerprint with the host
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "nubis";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }
}
