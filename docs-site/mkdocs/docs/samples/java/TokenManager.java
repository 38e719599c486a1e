// An OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it in the background shortly before it expires, shares one token request among concurrent
// callers and retries an API call once with a new token after a 401.
// While no token is usable, it retries the token endpoint with backoff.
// Needs Java 17+ and Jackson 2.12+: Maven com.fasterxml.jackson.core:jackson-databind (Debian:
// apt-get install libjackson2-databind-java, jars in /usr/share/java). Run:
//   CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson-databind, -core and -annotations jars> TokenManager.java
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Thread-safe access-token cache for the client-credentials grant. */
public final class TokenManager {
    static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    static final String API_URL = "https://api.example.com/v1/resource";
    static final Duration TIMEOUT = seconds(20); // one token request, from connect to the last body byte
    static final Duration RENEW_MARGIN = seconds(300); // renew this long before expiry...
    static final double MAX_RENEW_FRACTION = 0.5; // ...but never more than this fraction of the lifetime
    static final Duration DEFAULT_LIFETIME = seconds(600); // when the server does not send expires_in
    static final Duration REFRESH_RETRY_DELAY = seconds(30); // after a failed renewal, wait this long before the next
    static final Duration MAX_WAIT = seconds(60); // the longest a caller waits when no token is usable
    static final int MAX_ATTEMPTS = 3; // token requests in all while no token is usable, first one included
    static final Duration INITIAL_BACKOFF = seconds(1); // doubled on each retry
    static final double BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
    static final List<Integer> RETRY_STATUSES = List.of(408, 429, 500, 502, 503, 504); // network errors are retried too
    static final Duration MAX_RETRY_AFTER = seconds(60); // cap on a server's Retry-After

    private final HttpClient http;
    private final String clientId;
    private final String clientSecret;
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "token-manager");
        thread.setDaemon(true); // never keeps the program running
        return thread;
    });

    private final Object lock = new Object(); // guards the fields below; times are System.nanoTime() values
    private String token;
    private long renewAt; // renewal is due from here...
    private long expiresAt; // ...and the token is usable until here
    private long retryAt; // no background renewal before this (the cool-down after a failed one)
    private CompletableFuture<Void> renewal; // the one background renewal in flight
    private CompletableFuture<String> waiting; // the one request that callers without a usable token share

    /** Reads the client ID and secret from the CLIENT_ID and CLIENT_SECRET environment variables. */
    public TokenManager() throws TokenException {
        this(requireEnv("CLIENT_ID"), requireEnv("CLIENT_SECRET"));
    }

    public TokenManager(String clientId, String clientSecret) {
        this(clientId, clientSecret, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    public TokenManager(String clientId, String clientSecret, HttpClient http) {
        this.http = http;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.retryAt = System.nanoTime();
    }

    /**
     * Returns the cached token at once while it has not expired, starting a background renewal
     * when it is due; a failed renewal never reaches the caller. Without a usable token, waits for
     * a new one, at most MAX_WAIT.
     */
    public String token() throws TokenException {
        CompletableFuture<String> shared;
        synchronized (lock) {
            long now = System.nanoTime();
            if (token != null && now - expiresAt < 0) {
                if (now - renewAt >= 0 && now - retryAt >= 0 && renewal == null) {
                    renewal = CompletableFuture.runAsync(this::renew, background);
                }
                return token;
            }
            if (waiting == null) {
                CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
                    try {
                        return newToken();
                    } catch (TokenException e) {
                        throw new CompletionException(e);
                    }
                }, background);
                waiting = request;
                request.whenComplete((result, failure) -> {
                    synchronized (lock) {
                        if (waiting == request) waiting = null;
                    }
                });
            }
            shared = waiting;
        }
        try {
            return shared.get(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TokenException("no token within " + MAX_WAIT.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TokenException failure) throw failure;
            throw new TokenException("token request failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted while waiting for a token");
        }
    }

    /** Drops the cached token, but only if it is still {@code stale}: another caller may have replaced it. */
    public void invalidate(String stale) {
        synchronized (lock) {
            if (stale == null || stale.equals(token)) token = null;
        }
    }

    /** Drops the cached token. */
    public void invalidate() {
        invalidate(null);
    }

    /**
     * Sends {@code request} with "Authorization: Bearer <token>". On a 401 (RFC 6750 §3.1: the
     * token was revoked or expired early) it retries once with a new token; a second 401 is
     * returned to the caller.
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws TokenException, IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String current = token();
            HttpRequest authorised = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                    .header("Authorization", "Bearer " + current)
                    .build();
            HttpResponse<T> response = http.send(authorised, handler);
            if (response.statusCode() != 401 || attempt == 2) return response;
            if (response.body() instanceof Closeable body) body.close();
            invalidate(current); // unless another caller has already replaced it
        }
    }

    /** {@link #send(HttpRequest, HttpResponse.BodyHandler)} with the body as a string. */
    public HttpResponse<String> send(HttpRequest request) throws TokenException, IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    // One attempt that no caller waits for. After a failure the cached token stays in use, and the
    // next attempt waits out REFRESH_RETRY_DELAY, or a longer Retry-After.
    private void renew() {
        try {
            attempt(System.nanoTime() + TIMEOUT.toNanos());
        } catch (TokenException e) {
            Duration delay = retryAfter(e).filter(wait -> wait.compareTo(REFRESH_RETRY_DELAY) > 0).orElse(REFRESH_RETRY_DELAY);
            synchronized (lock) {
                retryAt = System.nanoTime() + delay.toNanos();
            }
        } finally {
            synchronized (lock) {
                renewal = null;
            }
        }
    }

    // No usable token: one request with retries, bounded by MAX_WAIT in all.
    private String newToken() throws TokenException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        CompletableFuture<Void> inFlight;
        synchronized (lock) {
            inFlight = renewal;
        }
        if (inFlight != null) { // one request at a time: a background renewal under way ends first
            try {
                inFlight.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // renew() handles its own failures; the deadline below still holds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenException("interrupted while waiting for a token");
            }
            synchronized (lock) {
                if (token != null && System.nanoTime() - expiresAt < 0) return token;
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(deadline);
            } catch (TokenException e) {
                boolean transientFailure = e.status() == 0 || RETRY_STATUSES.contains(e.status());
                if (!transientFailure || attempt >= MAX_ATTEMPTS) throw failedAfter(e, attempt, "");
                int retry = attempt;
                Duration delay = retryAfter(e).orElseGet(() -> backoff(retry));
                long wakeUp = System.nanoTime() + delay.toNanos();
                if (wakeUp - deadline >= 0) {
                    throw failedAfter(e, attempt, ", no time left to retry within " + MAX_WAIT.toMillis() + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(wakeUp - System.nanoTime());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TokenException("interrupted while waiting for a token");
                }
            }
        }
    }

    // One token request, ending by `deadline` at the latest (from connect to the last body byte);
    // stores the token.
    private String attempt(long deadline) throws TokenException {
        long started = System.nanoTime(); // read before sending: the lifetime counts from here
        long budget = Math.min(deadline - started, TIMEOUT.toNanos());
        if (budget <= 0) throw new TokenException("no time left for the token request");
        TokenResponse answer;
        try {
            answer = requestToken(http, clientId, clientSecret, Duration.ofNanos(budget));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted during the token request");
        }
        Duration lifetime = answer.lifetime().orElse(DEFAULT_LIFETIME);
        Duration margin = min(RENEW_MARGIN, Duration.ofNanos(Math.round(lifetime.toNanos() * MAX_RENEW_FRACTION)));
        synchronized (lock) {
            token = answer.accessToken();
            expiresAt = started + lifetime.toNanos();
            renewAt = expiresAt - margin.toNanos();
            retryAt = started; // a renewal that failed before this token no longer delays the next
            return token;
        }
    }

    /** POSTs the client-credentials grant (RFC 6749 §4.4.2) and returns the token, within {@code timeout}. */
    static TokenResponse requestToken(HttpClient http, String clientId, String clientSecret, Duration timeout)
            throws TokenException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", basic(clientId, clientSecret))
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<byte[]> response = sendWithin(timeout, http, request);
        int status = response.statusCode();
        TokenResponse token;
        try {
            token = TOKEN_RESPONSE.readValue(response.body());
        } catch (IOException e) {
            String message = "token request failed with HTTP " + status + ": the answer is not a JSON token response";
            throw new TokenException(message, status, null, null, response.headers());
        }
        if (status / 100 != 2 || token.error() != null) { // RFC 6749 §5.2
            String details = Stream.of(token.error(), token.errorDescription())
                    .filter(Objects::nonNull).map(detail -> ": " + detail).collect(Collectors.joining());
            throw new TokenException("token request failed with HTTP " + status + details,
                    status, token.error(), token.errorDescription(), response.headers());
        }
        if (token.accessToken() == null || token.accessToken().isEmpty()) {
            throw new TokenException("the token response has no access_token", status, null, null, response.headers());
        }
        if (!"bearer".equalsIgnoreCase(token.tokenType())) {
            String message = "the token_type is " + token.tokenType() + ", not bearer";
            throw new TokenException(message, status, null, null, response.headers());
        }
        return token; // a refresh_token, if any, is not used: the grant is simply run again (RFC 6749 §4.4.3)
    }

    /** Reads token responses, ignoring unknown fields; one reader, thread-safe, built when the class loads. */
    private static final ObjectReader TOKEN_RESPONSE = new ObjectMapper()
            .readerFor(TokenResponse.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The token endpoint's answer: a token (RFC 6749 §5.1) or an error (§5.2). */
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Double expiresIn, // seconds; Jackson also reads a numeric string
            @JsonProperty("error") String error,
            @JsonProperty("error_description") String errorDescription) {

        /** expires_in, when the server sent a usable one. */
        Optional<Duration> lifetime() {
            return expiresIn != null && expiresIn > 0 && expiresIn < 1e9
                    ? Optional.of(Duration.ofMillis(Math.round(expiresIn * 1000)))
                    : Optional.empty();
        }

        @Override
        public String toString() { // without the token
            return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + ", error=" + error + "]";
        }
    }

    /** A failed token request: the HTTP status, the server's error and error_description; never a secret or token. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;
        private final String description;
        private final transient HttpHeaders headers;

        TokenException(String message) {
            this(message, 0, null, null, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        TokenException(String message, int status, String error, String description, HttpHeaders headers) {
            super(message);
            this.status = status;
            this.error = error;
            this.description = description;
            this.headers = headers;
        }

        /** The token endpoint's HTTP status; 0 when no answer came. */
        public int status() {
            return status;
        }

        /** The server's error code (RFC 6749 §5.2), such as invalid_client. */
        public Optional<String> error() {
            return Optional.ofNullable(error);
        }

        /** The server's error_description. */
        public Optional<String> description() {
            return Optional.ofNullable(description);
        }

        /** The answer's headers, such as Retry-After; empty when no answer came. */
        public HttpHeaders headers() {
            return headers;
        }
    }

    // The whole exchange within `timeout`: HttpRequest.timeout only bounds the wait for the
    // response headers, so a server that trickles its body could otherwise hold the request for ever.
    private static HttpResponse<byte[]> sendWithin(Duration timeout, HttpClient http, HttpRequest request)
            throws TokenException, InterruptedException {
        var call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TokenException("token request timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new TokenException("token request timed out after " + timeout.toMillis() + " ms");
            }
            throw new TokenException("token request failed: " + e.getCause()); // status 0: no answer
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    // application/x-www-form-urlencoded, the token request's body (RFC 6749 §4.4.2, Appendix B).
    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), UTF_8) + "=" + URLEncoder.encode(field.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String clientId, String clientSecret) {
        // RFC 6749 §2.3.1: form-encoded before Base64, or a ":", "%" or "+" in a secret breaks. A space
        // goes as %20, not +: servers such as Authlib percent-decode these and would keep a +.
        String credentials = URLEncoder.encode(clientId, UTF_8).replace("+", "%20")
                + ":" + URLEncoder.encode(clientSecret, UTF_8).replace("+", "%20");
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8));
    }

    // A failed request's Retry-After (delta-seconds or an HTTP-date, RFC 9110 §10.2.3), capped.
    private static Optional<Duration> retryAfter(TokenException failure) {
        return failure.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            if (value.matches("[0-9]+")) return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            try {
                ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(date.getZone()), date));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }).map(wait -> wait.isNegative() ? Duration.ZERO : min(wait, MAX_RETRY_AFTER));
    }

    // Exponential backoff with jitter before retry number `retry` (1, 2, ...).
    private static Duration backoff(int retry) {
        double jitter = 1 + BACKOFF_JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofNanos(Math.round(INITIAL_BACKOFF.toNanos() * Math.pow(2, retry - 1) * jitter));
    }

    // The last attempt's error, saying how many attempts were made.
    private static TokenException failedAfter(TokenException e, int attempts, String note) {
        if (attempts == 1 && note.isEmpty()) return e;
        String message = e.getMessage() + " (" + attempts + " attempt" + (attempts > 1 ? "s" : "") + note + ")";
        return new TokenException(message, e.status(), e.error().orElse(null), e.description().orElse(null), e.headers());
    }

    private static String requireEnv(String name) throws TokenException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new TokenException("set the " + name + " environment variable");
        return value;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    public static void main(String[] args) {
        try {
            TokenManager manager = new TokenManager();
            HttpRequest request = HttpRequest.newBuilder(URI.create(API_URL)).timeout(TIMEOUT).build();
            HttpResponse<String> response = manager.send(request);
            System.out.println("GET " + API_URL + " -> HTTP " + response.statusCode());
            if (response.statusCode() / 100 != 2) System.exit(1);
        } catch (TokenException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("error: interrupted");
            System.exit(1);
        }
    }
}
