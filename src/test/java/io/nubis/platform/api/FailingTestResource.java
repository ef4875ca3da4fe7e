package io.nubis.platform.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoints that fail the way real code can: a database error (its message holds SQL, a table name and a
 * value) and an unexpected exception whose message names an address, a path and a command. For
 * {@link UnexpectedErrorsTest}; under {@code /v1} (problem JSON) and, through {@link FailingTestPages}, in the portal.
 */
@Path("/v1/test-only/failures")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FailingTestResource {

    static final String TABLE = "no_such_table_7f3a";
    static final String SQL = "SELECT secret FROM " + TABLE + " WHERE host = '192.0.2.91'";
    static final String MESSAGE = "cannot read /etc/nubis/secret.key on 192.0.2.91: `cat /etc/nubis/secret.key`"
            + " exited 1";

    @Inject
    EntityManager em;

    @io.nubis.platform.NoAction("test-only endpoint that fails on purpose")

    @GET
    @Path("sql")
    @Transactional
    public String sql() {
        return String.valueOf(em.createNativeQuery(SQL).getResultList());
    }

    @io.nubis.platform.NoAction("test-only endpoint that fails on purpose")

    @GET
    @Path("unexpected")
    public String unexpected() {
        throw new IllegalStateException(MESSAGE, new java.io.IOException(MESSAGE));
    }
}
