package dev.perimeter.bridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The {@code --admin} pages, served by the JDK's HTTP server on a loopback address only: {@code /access-lists},
 * {@code /interfaces} and {@code /metrics}. One small thread; every page is read fresh from the live counters.
 */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;

    public AdminServer(InetSocketAddress address, AdminViews views) throws IOException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin server serves on loopback only, not " + address);
        }
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        }));
        page("/access-lists", "text/plain; charset=utf-8", views::accessLists);
        page("/interfaces", "text/plain; charset=utf-8", views::interfaces);
        page("/metrics", "text/plain; version=0.0.4; charset=utf-8", views::metrics);
        page("/", "text/plain; charset=utf-8", () -> "Perimeter bridge\n/access-lists\n/interfaces\n/metrics\n");
    }

    private void page(String path, String contentType, Supplier<String> body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                } else {
                    send(exchange, 200, contentType, body.get());
                }
            } catch (RuntimeException e) {
                send(exchange, 500, "text/plain; charset=utf-8", "error: " + e + "\n");
            }
        });
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public void start() {
        server.start();
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
