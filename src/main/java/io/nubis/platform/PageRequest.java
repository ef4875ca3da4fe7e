package io.nubis.platform;

/**
 * A 1-based page number and a size, clamped to sane bounds (size 1..500, default 20; the page such that at most
 * {@link #MAX_OFFSET} rows are skipped, so that no offset computed in {@code int} can overflow). The API validates
 * first and answers 400 per field ({@code io.nubis.platform.api.Params#page}); the portal relies on the clamp.
 * {@code sort} names a column of the list, descending with a leading {@code -} (issue 13); anything not shaped like
 * that is dropped here, and each list maps the names it knows to its fields ({@link ListOrder}), ignoring the others.
 */
public record PageRequest(int page, int size, String sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 500;
    /** Most rows a page may skip: deep enough for any list a person pages through, far from int overflow. */
    public static final int MAX_OFFSET = 1_000_000;

    public PageRequest {
        size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        page = Math.min(Math.max(1, page), maxPage(size));
        sort = sort == null || !sort.matches("-?[a-z][a-zA-Z]{0,30}") ? null : sort;
    }

    public PageRequest(int page, int size) {
        this(page, size, null);
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 1 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The last page number whose offset stays within {@link #MAX_OFFSET} for this size. */
    public static int maxPage(int size) {
        return MAX_OFFSET / size + 1;
    }

    public int offset() {
        return (page - 1) * size;
    }
}
