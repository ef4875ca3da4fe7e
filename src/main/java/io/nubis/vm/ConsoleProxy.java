package io.nubis.vm;

import io.nubis.driver.ConsoleStream;
import io.nubis.driver.DriverException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The browser console's WebSocket (issue 13): {@code /console/ws/{vm id}?token=<console ticket>}. On open the ticket is
 * consumed ({@link VmConsoles#consume}: this VM, once, in time); a refused ticket closes the socket with 1008 (policy
 * violation) before anything reaches a host. Then the socket is joined to the VM's VNC server through the host driver
 * ({@link io.nubis.driver.VmDriver#openConsole}): binary messages from the browser go to it, what it sends goes back as
 * binary messages (noVNC speaks RFB over them). Either side closing ends both.
 */
@WebSocket(path = "/console/ws/{vmId}")
public class ConsoleProxy {

    private static final Logger LOG = Logger.getLogger(ConsoleProxy.class);
    /** The policy violation close code: what a refused ticket gets. */
    static final int REFUSED = 1008;

    /**
     * Open consoles per VM and in all on this server: each one holds an SSH login to a host and a thread, so a tenant
     * asking for tickets in a loop cannot flood a host's sshd or this server.
     */
    static final int MAX_PER_VM = 2;
    static final int MAX_OPEN = 200;

    private final Map<String, ConsoleStream> open = new ConcurrentHashMap<>();
    /** The VM of every console slot taken (opening or open), by connection id. */
    private final Map<String, String> slots = new ConcurrentHashMap<>();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "console-pump");
        t.setDaemon(true);
        return t;
    });

    @Inject
    VmConsoles consoles;

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        String vmId = connection.pathParam("vmId");
        String token = tokenOf(connection.handshakeRequest().query());
        if (!consoles.consume(vmId, token)) {
            connection.closeAndAwait(
                    new CloseReason(REFUSED, "console ticket not valid (used, expired or for another VM)"));
            return;
        }
        if (!takeSlot(connection.id(), vmId)) {
            connection.closeAndAwait(new CloseReason(REFUSED, "too many consoles open for this VM or this server"));
            return;
        }
        Optional<ConsoleStream> stream;
        try {
            stream = consoles.open(vmId);
        } catch (DriverException | RuntimeException e) {
            slots.remove(connection.id());
            LOG.infof("console of VM %s did not open: %s", vmId, e.getMessage());
            connection.closeAndAwait(new CloseReason(1011, "the console could not be opened"));
            return;
        }
        if (stream.isEmpty()) {
            slots.remove(connection.id());
            connection.closeAndAwait(new CloseReason(REFUSED, "the VM is not running"));
            return;
        }
        ConsoleStream s = stream.get();
        open.put(connection.id(), s);
        pumps.execute(() -> pump(connection, s));
        LOG.infof("console of VM %s opened", vmId);
    }

    @OnBinaryMessage
    public void onBinary(Buffer data, WebSocketConnection connection) {
        ConsoleStream s = open.get(connection.id());
        if (s == null) {
            return;
        }
        try {
            s.out().write(data.getBytes());
            s.out().flush();
        } catch (IOException e) {
            end(connection);
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        slots.remove(connection.id());
        ConsoleStream s = open.remove(connection.id());
        if (s != null) {
            s.close();
        }
    }

    /** Takes a console slot for the VM unless it has {@link #MAX_PER_VM} or the server {@link #MAX_OPEN}. */
    synchronized boolean takeSlot(String connectionId, String vmId) {
        if (slots.size() >= MAX_OPEN || slots.values().stream().filter(vmId::equals).count() >= MAX_PER_VM) {
            return false;
        }
        slots.put(connectionId, vmId);
        return true;
    }

    /** VNC server to browser, until either side ends. */
    private void pump(WebSocketConnection connection, ConsoleStream s) {
        byte[] buf = new byte[65536];
        try {
            InputStream in = s.in();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    connection.sendBinaryAndAwait(Buffer.buffer(Arrays.copyOf(buf, n)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("console stream ended: %s", e.getMessage());
        }
        end(connection);
    }

    private void end(WebSocketConnection connection) {
        slots.remove(connection.id());
        ConsoleStream s = open.remove(connection.id());
        if (s != null) {
            s.close();
        }
        if (connection.isOpen()) {
            try {
                connection.closeAndAwait();
            } catch (RuntimeException ignored) {
                // already closing
            }
        }
    }

    void shutdown(@Observes ShutdownEvent e) {
        open.values().forEach(ConsoleStream::close);
        open.clear();
        pumps.shutdownNow();
    }

    /** The {@code token} parameter of a query string (a console token is URL-safe base64: no decoding needed). */
    static String tokenOf(String query) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("token=")) {
                return part.substring("token=".length());
            }
        }
        return null;
    }
}
