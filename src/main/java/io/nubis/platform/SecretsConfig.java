package io.nubis.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the key that encrypts stored secrets (host passwords and keys) comes from ({@code nubis.secrets.*}). */
@ConfigMapping(prefix = "nubis.secrets")
public interface SecretsConfig {

    /**
     * The 256-bit AES key, base64. Every management server sharing a database must use the same key. When unset,
     * {@link #keyFile()} is used.
     */
    Optional<String> key();

    /** File holding the base64 key; created with a random key (mode 600) when missing. For single-server setups. */
    @WithDefault("${user.home}/.config/nubis/secret.key")
    String keyFile();
}
