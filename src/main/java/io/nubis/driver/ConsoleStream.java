package io.nubis.driver;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to a VM's graphical console (RFB, the VNC protocol), opened by {@link VmDriver#openConsole} for the
 * console proxy (issue 13). Reading gives what the VM's VNC server sends; writing sends to it. Closing ends it.
 */
public interface ConsoleStream extends Closeable {

    InputStream in();

    OutputStream out();

    @Override
    void close();
}
