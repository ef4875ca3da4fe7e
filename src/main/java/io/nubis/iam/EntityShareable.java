package io.nubis.iam;

import io.nubis.platform.NotFoundException;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link Shareable} over one entity class, for the features' small Shareable beans: the resource type, the entity,
 * its name, its every-account flag (read and write) and, optionally, which rows may be shared.
 */
public abstract class EntityShareable<E> implements Shareable {

    private final String type;
    private final Class<E> entity;
    private final Function<E, String> name;
    private final Predicate<E> sharedWithAll;
    private final BiConsumer<E, Boolean> setSharedWithAll;

    protected EntityShareable(String type, Class<E> entity, Function<E, String> name, Predicate<E> sharedWithAll,
            BiConsumer<E, Boolean> setSharedWithAll) {
        this.type = type;
        this.entity = entity;
        this.name = name;
        this.sharedWithAll = sharedWithAll;
        this.setSharedWithAll = setSharedWithAll;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Shared describe(String id) {
        E e = find(id);
        return new Shared(name.apply(e), sharedWithAll.test(e));
    }

    @Override
    public void setSharedWithAll(String id, boolean all) {
        setSharedWithAll.accept(find(id), all);
    }

    /** Throws a typed error when the row exists but may not be shared; does nothing by default. */
    protected void checkShareable(E row) {
    }

    private E find(String id) {
        E e = id == null ? null : Panache.getEntityManager().find(entity, id);
        if (e == null) {
            throw new NotFoundException(type, id);
        }
        checkShareable(e);
        return e;
    }
}
