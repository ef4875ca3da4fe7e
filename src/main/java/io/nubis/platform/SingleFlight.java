package io.nubis.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Concurrent calls for one key share one run of the work: the first caller runs it, the others wait for its result (at
 * most {@code wait}) instead of running it again. A {@link NubisException} the run threw (a refusal) is every waiter's
 * too; after any other failure, or when the wait ran out, a waiter runs the work itself. Nothing is kept once the run
 * ended: the next call runs the work again (callers cache results themselves).
 */
public final class SingleFlight<K, V> {

    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();
    private final Duration wait;

    public SingleFlight(Duration wait) {
        this.wait = wait;
    }

    public V run(K key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = running.putIfAbsent(key, mine);
        if (other != null) {
            V shared = await(other);
            if (shared != null) {
                return shared;
            }
            return work.get();
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private V await(CompletableFuture<V> other) {
        try {
            return other.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NubisException refused) {
                throw refused;
            }
            return null;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared run", e);
        }
    }
}
