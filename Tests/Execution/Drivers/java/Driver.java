// Execution-test driver for the Java token manager sample (test fixture, not a sample).
// Compiled together with the exported TokenManager.java; run as `java -cp <build>:<jackson> Driver '<case JSON>'`.
// The case is {"client_id", "client_secret", "api_url", "server", "steps": [...]}; prints one JSON
// object {"results": [...]}; each result has "op", "t" (seconds since the driver started, when the
// step finished) and "elapsed" (seconds the step took). Tokens appear only as short sha256 hashes.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public final class Driver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = System.nanoTime();
    private static final HttpClient ADMIN = HttpClient.newHttpClient();

    private Driver() {}

    public static void main(String[] args) throws Exception {
        JsonNode spec = JSON.readTree(args[0]);
        TokenManager manager = new TokenManager(spec.get("client_id").asText(), spec.get("client_secret").asText());
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode step : spec.get("steps")) results.add(run(step, spec, manager));
        // A background renewal may still be in flight: let it reach the server before exiting, so
        // the server's log is complete (the sample's timeouts bound it).
        // The concise form has no background renewal, and no such field.
        Field renewal = Arrays.stream(TokenManager.class.getDeclaredFields())
                .filter(field -> field.getName().equals("renewal")).findFirst().orElse(null);
        if (renewal != null) renewal.setAccessible(true);
        Object inFlight = renewal == null ? null : renewal.get(manager);
        if (inFlight instanceof CompletableFuture<?> future) {
            try {
                future.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // its outcome does not matter here
            }
        }
        ObjectNode output = JSON.createObjectNode();
        output.set("results", results);
        System.out.println(JSON.writeValueAsString(output));
        System.exit(0);
    }

    static String hash(String token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 12);
    }

    static String message(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    static int request(TokenManager manager, JsonNode spec) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.get("api_url").asText()))
                .timeout(Duration.ofSeconds(20)).build();
        return manager.send(request).statusCode();
    }

    /** Runs call n times at once; fills values (through add) and errors. */
    static <T> List<T> concurrently(int n, Callable<T> call, ArrayNode errors) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                barrier.await();
                return call.call();
            }));
        }
        List<T> values = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                values.add(future.get());
            } catch (ExecutionException e) {
                errors.add(message(e));
            }
        }
        pool.shutdown();
        return values;
    }

    static ObjectNode run(JsonNode step, JsonNode spec, TokenManager manager) {
        String op = step.get("op").asText();
        ObjectNode result = JSON.createObjectNode();
        result.put("op", op);
        long started = System.nanoTime();
        try {
            switch (op) {
                case "request" -> result.put("status", request(manager, spec));
                case "get_token" -> result.put("token", hash(manager.token()));
                case "concurrent_get_token" -> {
                    ArrayNode errors = JSON.createArrayNode();
                    List<String> tokens = concurrently(step.get("n").asInt(), manager::token, errors);
                    ArrayNode hashes = result.putArray("tokens");
                    for (String token : tokens) hashes.add(hash(token));
                    result.set("errors", errors);
                }
                case "concurrent_request" -> {
                    ArrayNode errors = JSON.createArrayNode();
                    List<Integer> statuses = concurrently(step.get("n").asInt(), () -> request(manager, spec), errors);
                    ArrayNode array = result.putArray("statuses");
                    for (int status : statuses) array.add(status);
                    result.set("errors", errors);
                }
                case "sleep" -> Thread.sleep(Math.round(step.get("seconds").asDouble() * 1000));
                case "revoke" -> {
                    String id = URLEncoder.encode(spec.get("client_id").asText(), StandardCharsets.UTF_8).replace("+", "%20");
                    HttpRequest revoke = HttpRequest.newBuilder(URI.create(spec.get("server").asText() + "/_test/revoke?client_id=" + id))
                            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
                    int status = ADMIN.send(revoke, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 != 2) throw new IllegalStateException("revoke answered HTTP " + status);
                }
                case "invalidate" -> manager.invalidate();
                case "repeat" -> {
                    ArrayNode inner = result.putArray("results");
                    for (int i = 0; i < step.get("count").asInt(); i++) {
                        if (i > 0) Thread.sleep(Math.round(step.path("interval").asDouble(0) * 1000));
                        inner.add(run(step.get("step"), spec, manager));
                    }
                }
                default -> throw new IllegalArgumentException("unknown op " + op);
            }
        } catch (Exception e) {
            result.put("error", message(e));
        }
        long finished = System.nanoTime();
        result.put("t", (finished - START) / 1e9);
        result.put("elapsed", (finished - started) / 1e9);
        return result;
    }
}
