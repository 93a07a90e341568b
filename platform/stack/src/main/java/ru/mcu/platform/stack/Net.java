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

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(1)).build();

    /** Whether a GET of the URL answers 200 within a few seconds: a readiness probe. */
    public static boolean answersOk(String url) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .timeout(java.time.Duration.ofSeconds(3)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
