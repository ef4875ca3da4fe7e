package io.nubis.platform;

/** The resource does not exist, or the caller may not see it (tenants never learn that another's resource exists). */
public class NotFoundException extends NubisException {

    public NotFoundException(String resourceType, String id) {
        super(Text.msg(m -> m.error_not_found(resourceType, id)));
    }

    @Override
    public int status() {
        return 404;
    }
}
