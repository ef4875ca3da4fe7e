package io.nubis.platform;

/** The caller is known but may not perform this action (e.g. a tenant calling an admin-only operation). */
public class ForbiddenException extends NubisException {

    public ForbiddenException(Text text) {
        super(text);
    }

    public static ForbiddenException adminOnly() {
        return new ForbiddenException(Text.msg(m -> m.error_admin_only()));
    }

    @Override
    public int status() {
        return 403;
    }
}
