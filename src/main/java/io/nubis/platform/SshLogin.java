package io.nubis.platform;

import java.util.regex.Pattern;

/**
 * The SSH login fields a host and an SFTP backup storage share (address, port, user, password or private key),
 * validated the same way for both: one error per field, passwords and keys bounded, the key in PEM form. A login is
 * needed unless the target is simulated.
 *
 * @param password null when none was given
 * @param privateKey null when none was given; kept without a trailing newline ({@link #sealedPrivateKey} adds one)
 */
public record SshLogin(String address, int port, String username, String password, String privateKey) {

    public static final int MAX_PASSWORD = 256;
    public static final int MAX_PRIVATE_KEY = 16384;
    /** A POSIX user name. */
    public static final Pattern USERNAME = Pattern.compile("^[a-z_][a-z0-9_.-]{0,31}$");

    /**
     * Checks the fields into {@code v} (the port under {@code portField}) and returns them normalized; read it only
     * when {@code v} holds no error for them. {@code credentialsMissing} is the message when neither password nor key
     * came.
     */
    public static SshLogin validate(Validation v, String address, Integer port, String portField, String username,
            String password, String privateKey, boolean needsLogin, Text credentialsMissing) {
        v.required("address", address);
        if (!v.hasError("address")) {
            v.check(Validation.ADDRESS.matcher(address.trim()).matches(), "address",
                    Text.msg(m -> m.error_address_format()));
        }
        int p = port == null ? 22 : port;
        v.range(portField, p, 1, 65535);
        String user = Validation.blankToNull(username);
        String pass = password == null || password.isEmpty() ? null : password;
        String key = Validation.blankToNull(privateKey);
        if (user == null && needsLogin) {
            v.add("username", Text.msg(m -> m.error_required()));
        }
        v.check(user == null || USERNAME.matcher(user).matches(), "username", Text.msg(m -> m.error_username_format()));
        if (needsLogin && pass == null && key == null) {
            v.add("password", credentialsMissing);
        }
        v.maxLength("password", pass, MAX_PASSWORD).maxLength("privateKey", key, MAX_PRIVATE_KEY);
        v.check(key == null || (key.startsWith("-----BEGIN ") && key.contains("PRIVATE KEY-----")), "privateKey",
                Text.msg(m -> m.error_private_key_format()));
        return new SshLogin(address == null ? null : address.trim(), p, user, pass, key);
    }

    public String sealedPassword(SecretBox secrets) {
        return secrets.seal(password);
    }

    public String sealedPrivateKey(SecretBox secrets) {
        return secrets.seal(privateKey == null ? null : privateKey + "\n");
    }
}
