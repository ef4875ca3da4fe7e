package io.nubis.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage (AES-256-GCM, random 96-bit nonce per value). Stored form: {@code v1:} + base64 of nonce
 * and ciphertext. The key comes from {@code nubis.secrets.key} or the key file (see {@link SecretsConfig}).
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    @Inject
    SecretsConfig config;

    /**
     * The key is read (or its file made) when the server starts: a missing, unreadable or unwritable key (a volume that
     * is not mounted, or not writable by the server's user) stops the server at once, not at the first stored password.
     */
    void onStart(@Observes StartupEvent event) {
        key();
    }

    /** Encrypts; null stays null. */
    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    /** Decrypts what {@link #seal} produced; null stays null. Fails when the key differs from the sealing one. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("stored secret has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot decrypt a stored secret: was nubis.secrets.key changed since it was stored?", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        String b64 = config.key().filter(s -> !s.isBlank()).orElseGet(this::keyFromFile);
        byte[] raw = Base64.getDecoder().decode(b64.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("nubis.secrets.key must be 32 bytes, base64-encoded");
        }
        return raw;
    }

    private String keyFromFile() {
        return readOrCreateKeyFile(Path.of(config.keyFile()), random);
    }

    /**
     * Reads the key file, creating it first when missing: the new key is written to a temporary file that is created
     * with mode 600 (never readable by others, not even for a moment), then moved into place atomically, so a reader
     * never sees a partial key and two servers starting at once end with one key. A directory it creates gets mode 700.
     */
    static String readOrCreateKeyFile(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                if (!Files.isDirectory(dir)) {
                    createPrivate(dir, true);
                }
                byte[] raw = new byte[32];
                random.nextBytes(raw);
                Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(random.nextLong()) + ".tmp");
                createPrivate(tmp, false);
                try {
                    Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException otherServerWon) {
                    // another server created it meanwhile: use theirs
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }

    private static void createPrivate(Path path, boolean directory) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (directory) {
            if (posix) {
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(path);
            }
        } else if (posix) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
    }
}
