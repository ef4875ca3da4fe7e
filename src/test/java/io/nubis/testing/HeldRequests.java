package io.nubis.testing;

import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request the server keeps serving until its connection closes: a POST whose headers promise a body that never comes
 * (what a slow or hostile client does). Close the socket to end it.
 */
public final class HeldRequests {

    private HeldRequests() {
    }

    /**
     * A POST to {@code path} as {@code user} (a {@link Tokens} name) with an announced 1000-byte body, one byte sent.
     */
    public static Socket open(String path, String user) throws Exception {
        Socket s = new Socket("127.0.0.1", RestAssured.port);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + Tokens.of(user) + "\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
