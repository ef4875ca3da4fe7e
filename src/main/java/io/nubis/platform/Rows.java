package io.nubis.platform;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows by primary key for views that name related rows (a host's cluster, a volume's image). Each id is loaded through
 * the persistence context: a row the transaction already holds costs nothing, another one a primary-key select whose
 * plan Hibernate keeps. An {@code id in (...)} query would be translated afresh on every call (its SQL depends on the
 * list's length), which showed up as the largest single cost in profiles of the scale benchmark.
 */
public final class Rows {

    private Rows() {
    }

    /** The rows of {@code type} with these ids, by id; unknown ids are absent. Call inside a transaction. */
    public static <T> Map<String, T> byId(Class<T> type, Collection<String> ids) {
        EntityManager em = Panache.getEntityManager(type);
        Map<String, T> rows = new HashMap<>();
        for (String id : new LinkedHashSet<>(ids)) {
            T row = id == null ? null : em.find(type, id);
            if (row != null) {
                rows.put(id, row);
            }
        }
        return rows;
    }

    /**
     * The number of rows of {@code type} matching {@code where} (HQL with positional parameters {@code ?1 ..}).
     * Panache's own {@code count(...)} builds a fresh count query (a copy of the query, translated to SQL again) on
     * every call, which the scale benchmark's profile showed as a top cost; this query's translation is cached like any
     * other.
     */
    public static long count(Class<?> type, String where, Object... params) {
        TypedQuery<Long> q = Panache.getEntityManager(type)
                .createQuery("select count(*) from " + type.getSimpleName() + " where " + where, Long.class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getSingleResult();
    }

    /** One value of each row with these ids (e.g. its name), by id. */
    public static <T, V> Map<String, V> valueById(Class<T> type, Collection<String> ids, Function<T, V> value) {
        Map<String, V> values = new HashMap<>();
        byId(type, ids).forEach((id, row) -> values.put(id, value.apply(row)));
        return values;
    }
}
