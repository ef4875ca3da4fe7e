package io.nubis.iam;

import io.nubis.platform.NubisException;
import io.nubis.platform.Text;

/** The user directory (Keycloak) refused a change or could not be reached: 502, nothing was changed in Nubis. */
public class DirectoryException extends NubisException {

    public DirectoryException(String detail, Throwable cause) {
        super(Text.of(IamMessages.class, m -> m.error_directory(detail)));
        initCause(cause);
    }

    @Override
    public int status() {
        return 502;
    }
}
