package io.nubis.driver;

/**
 * Secrets to log in to a host, decrypted just before the driver call, and the host key Nubis trusts for it.
 *
 * @param password SSH password, or null
 * @param privateKey SSH private key in OpenSSH or PEM format, or null
 * @param hostKeyFingerprint the host key fingerprint accepted earlier ({@code SHA256:...} as OpenSSH prints it), or
 *     null on the first connect: the driver then accepts the key it sees and reports it in {@link HostFacts}
 */
public record HostCredentials(String password, String privateKey, String hostKeyFingerprint) {

    public static final HostCredentials NONE = new HostCredentials(null, null, null);

    @Override
    public String toString() {
        return "HostCredentials[password=" + (password == null ? "none" : "***") + ", privateKey="
                + (privateKey == null ? "none" : "***") + ", hostKeyFingerprint=" + hostKeyFingerprint + "]";
    }
}
