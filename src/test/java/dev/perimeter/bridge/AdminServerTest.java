package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private final AtomicLong counter = new AtomicLong();
    private final AdminViews views = new AdminViews() {
        @Override
        public String accessLists() {
            return "Extended IP access list x\n    10 permit ip any any (" + counter.get() + " matches)\n";
        }

        @Override
        public String interfaces() {
            return "ports\n";
        }

        @Override
        public String metrics() {
            return "m " + counter.get() + "\n";
        }
    };

    @Test
    void servesEachPageFreshOnLoopback() throws Exception {
        try (AdminServer server = new AdminServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), views)) {
            server.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.address().getPort();
            counter.set(7);
            HttpResponse<String> lists = http.send(HttpRequest.newBuilder(URI.create(base + "/access-lists")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, lists.statusCode());
            assertTrue(lists.body().contains("(7 matches)"), lists.body());
            counter.set(9);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("m 9\n", metrics.body());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/metrics/x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/interfaces"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void refusesToListenBeyondLoopback() {
        assertThrows(IllegalArgumentException.class, () -> new AdminServer(new InetSocketAddress("0.0.0.0", 0), views));
    }
}
