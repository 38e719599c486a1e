// Keeps an OAuth 2.0 client-credentials token (RFC 6749 §4.4) fresh for concurrent callers. Needs Java 17+, Jackson 2.12+
// (Debian: libjackson2-databind-java). Run: CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson jars> TokenManager.java
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

public final class TokenManager {
    public synchronized String token() throws TokenException { // synchronized: concurrent callers share one request
        if (token != null && System.nanoTime() - renewAt < 0) return token;
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://auth.example.com/oauth2/token")).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(form))
                .headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json", "Authorization", basic).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new TokenException("token request failed with HTTP " + response.statusCode() + ": " + response.body());
            var answer = new ObjectMapper().readTree(response.body());
            double lifetime = answer.path("expires_in").asDouble(600); // a number or a numeric string; the default if absent
            // Renew ahead of expiry by the margin, but by at most this fraction of the lifetime.
            renewAt = System.nanoTime() + Math.round((lifetime - Math.min(300, 0.5 * lifetime)) * 1e9);
            return token = answer.path("access_token").asText();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new TokenException("token request failed: " + e);
        }
    }

    static final String API_URL = "https://api.example.com/v1/resource";
    static final Duration TIMEOUT = Duration.ofMillis(Math.round(20 * 1000));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String form, basic;
    private String token;
    private long renewAt; // a System.nanoTime() value

    public TokenManager() throws TokenException { this(env("CLIENT_ID"), env("CLIENT_SECRET")); }

    public TokenManager(String clientId, String clientSecret) {
        form = "grant_type=client_credentials" + "&client_id=" + encode(clientId);
        // RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
        basic = "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes());
    }

    public synchronized void invalidate(String stale) {
        if (stale == null || stale.equals(token)) token = null; // unless another caller has already replaced it
    }
    public void invalidate() { invalidate(null); }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws TokenException, IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String current = token();
            HttpResponse<T> response = http.send(HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + current).build(), handler);
            if (response.statusCode() != 401 || attempt == 2) return response;
            invalidate(current); // a 401 (RFC 6750 §3.1): revoked or expired early, so drop it and retry once
        }
    }

    public HttpResponse<String> send(HttpRequest request) throws TokenException, IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name) throws TokenException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new TokenException("set the " + name + " environment variable");
        return value;
    }

    private static String encode(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"); }

    public static final class TokenException extends Exception { // its message never holds the secret or a token
        private static final long serialVersionUID = 1L;
        TokenException(String message) { super(message); }
    }

    public static void main(String[] args) {
        try {
            HttpResponse<String> response = new TokenManager().send(HttpRequest.newBuilder(URI.create(API_URL)).timeout(TIMEOUT).build());
            System.out.println("GET " + API_URL + " -> HTTP " + response.statusCode());
            if (response.statusCode() / 100 != 2) System.exit(1);
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
