package ru.mcu.platform.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: everything the stack starts listens on 127.0.0.1 only. */
public final class Net {
    public static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("Cannot find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** Fails with a message that names the port and what wanted it, before anything starts. */
    public static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StackException("Port " + port + " on " + LOOPBACK + " is needed for " + what
                    + " but is already taken. Stop what listens there (see: ss -ltnp 'sport = :" + port
                    + "'), or stop an earlier run of the platform.");
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
