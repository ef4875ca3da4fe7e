package io.nubis.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for the console proxy in tests ({@code /console/ws/{vm}?token=...}): collects the binary bytes the
 * server sends and how the socket closed.
 */
public final class ConsoleClient implements AutoCloseable {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private ConsoleClient(String path) throws Exception {
        int port = io.restassured.RestAssured.port;
        WebSocket.Listener listener = new WebSocket.Listener() {

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                synchronized (received) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    received.writeBytes(b);
                    received.notifyAll();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://localhost:" + port + path), listener).get(10, TimeUnit.SECONDS);
    }

    public static ConsoleClient open(String path) throws Exception {
        return new ConsoleClient(path);
    }

    /** The close code the server sent, waiting up to {@code timeout}; null when still open. */
    public Integer closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until at least {@code n} bytes came since the last {@link #take}; returns exactly those n bytes. */
    public byte[] take(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + received.size() + " of " + n + " bytes came");
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
            byte[] all = received.toByteArray();
            received.reset();
            received.writeBytes(java.util.Arrays.copyOfRange(all, n, all.length));
            return java.util.Arrays.copyOf(all, n);
        }
    }

    public void send(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
