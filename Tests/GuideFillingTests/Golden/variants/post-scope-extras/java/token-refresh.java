// An OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it in the background shortly before it expires, shares one token request among concurrent
// callers and retries an API call once with a new token after a 401.
// While no token is usable, it retries the token endpoint with backoff.
// Needs Java 17+ and Jackson: Maven com.fasterxml.jackson.core:jackson-databind (Debian:
// apt-get install libjackson2-databind-java, jars in /usr/share/java). Run:
//   CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson-databind, -core and -annotations jars> TokenManager.java
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Thread-safe access-token cache for the client-credentials grant. */
public final class TokenManager {
    static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    static final String API_URL = "https://api.example.com/v1/resource";
    static final double TIMEOUT_SECONDS = 20; // one token request, from connect to the last body byte
    static final double RENEW_MARGIN_SECONDS = 300; // renew this long before expiry...
    static final double MAX_RENEW_FRACTION = 0.5; // ...but never more than this fraction of the lifetime
    static final double DEFAULT_LIFETIME_SECONDS = 600; // when the server does not send expires_in
    static final double REFRESH_RETRY_DELAY_SECONDS = 30; // after a failed renewal, wait this long before the next
    static final double MAX_WAIT_SECONDS = 60; // the longest a caller waits when no token is usable
    static final int MAX_ATTEMPTS = 3; // token requests in all while no token is usable, first one included
    static final double INITIAL_BACKOFF_SECONDS = 1; // doubled on each retry
    static final double BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
    static final List<Integer> RETRY_STATUSES = List.of(408, 429, 500, 502, 503, 504); // network errors are retried too
    static final double MAX_RETRY_AFTER_SECONDS = 60; // cap on a server's Retry-After

    /** A failed token request: the HTTP status, the server's error and error_description; never a secret or token. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;
        private final String description;
        private final double retryAfter;

        TokenException(String message) {
            this(message, 0, null, null, Double.NaN);
        }

        TokenException(String message, int status, String error, String description, double retryAfter) {
            super(message);
            this.status = status;
            this.error = error;
            this.description = description;
            this.retryAfter = retryAfter;
        }

        /** The token endpoint's HTTP status; 0 when no answer came. */
        public int status() {
            return status;
        }

        /** The server's error code (RFC 6749 §5.2), or null. */
        public String error() {
            return error;
        }

        /** The server's error_description, or null. */
        public String description() {
            return description;
        }

        /** Seconds the server asked to wait (Retry-After), capped; NaN when it did not say. */
        public double retryAfterSeconds() {
            return retryAfter;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUri;
    private final String form; // the token request's body, built once
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
        this(clientId, clientSecret, HttpClient.newBuilder().connectTimeout(duration(TIMEOUT_SECONDS)).build());
    }

    public TokenManager(String clientId, String clientSecret, HttpClient http) {
        this.http = http;
        this.tokenUri = URI.create(TOKEN_URL); // a malformed URL fails here, not as a retried network error
        StringBuilder body = new StringBuilder("grant_type=client_credentials");
        addParameter(body, "client_id", clientId);
        addParameter(body, "client_secret", clientSecret);
        addParameter(body, "scope", "read write");
        addParameter(body, "audience", "https://api.example.com");
        addParameter(body, "resource", "r\"$1\\");
        this.form = body.toString();
        this.retryAt = System.nanoTime();
    }

    /**
     * Returns the cached token at once while it has not expired, starting a background renewal
     * when it is due; a failed renewal never reaches the caller. Without a usable token, waits for
     * a new one, at most MAX_WAIT_SECONDS.
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
            return shared.get(nanos(MAX_WAIT_SECONDS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TokenException("no token within " + format(MAX_WAIT_SECONDS) + " s");
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
    // next attempt waits out REFRESH_RETRY_DELAY_SECONDS, or a longer Retry-After.
    private void renew() {
        try {
            attempt(System.nanoTime() + nanos(TIMEOUT_SECONDS));
        } catch (TokenException e) {
            double delay = Math.max(REFRESH_RETRY_DELAY_SECONDS, Double.isNaN(e.retryAfter) ? 0 : e.retryAfter);
            synchronized (lock) {
                retryAt = System.nanoTime() + nanos(delay);
            }
        } finally {
            synchronized (lock) {
                renewal = null;
            }
        }
    }

    // No usable token: one request with retries, bounded by MAX_WAIT_SECONDS in all.
    private String newToken() throws TokenException {
        long deadline = System.nanoTime() + nanos(MAX_WAIT_SECONDS);
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
                boolean transientFailure = e.status == 0 || RETRY_STATUSES.contains(e.status);
                if (!transientFailure || attempt >= MAX_ATTEMPTS) throw failedAfter(e, attempt, "");
                double delay = Double.isNaN(e.retryAfter) ? backoffSeconds(attempt) : e.retryAfter;
                long wakeUp = System.nanoTime() + nanos(delay);
                if (wakeUp - deadline >= 0) {
                    throw failedAfter(e, attempt, ", no time left to retry within " + format(MAX_WAIT_SECONDS) + " s");
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
        long budget = Math.min(deadline - started, nanos(TIMEOUT_SECONDS));
        if (budget <= 0) throw new TokenException("no time left for the token request");
        HttpRequest.Builder builder = HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofNanos(budget)) // until the response headers arrive
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get(budget, TimeUnit.NANOSECONDS); // also stops a body that arrives slowly
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TokenException("token request timed out after " + format(budget / 1e9) + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new TokenException("token request timed out after " + format(budget / 1e9) + " s");
            }
            throw new TokenException("token request failed: " + e.getCause()); // status 0: no answer
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted during the token request");
        }
        int status = response.statusCode();
        JsonNode data;
        try {
            data = JSON.readTree(response.body());
        } catch (IOException e) {
            data = null;
        }
        if (data == null || !data.isObject() || status / 100 != 2 || data.has("error")) {
            double retryAfter = retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(""));
            StringBuilder message = new StringBuilder("token request failed with HTTP " + status);
            if (data == null || !data.isObject()) {
                message.append(": the body is not JSON");
                throw new TokenException(message.toString(), status, null, null, retryAfter);
            }
            String error = data.hasNonNull("error") ? data.get("error").asText() : null;
            String description = data.hasNonNull("error_description") ? data.get("error_description").asText() : null;
            if (error != null) message.append(": ").append(error);
            if (description != null) message.append(": ").append(description);
            throw new TokenException(message.toString(), status, error, description, retryAfter);
        }
        JsonNode accessToken = data.path("access_token");
        if (!accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new TokenException("the token response has no access_token", status, null, null, Double.NaN);
        }
        String tokenType = data.path("token_type").asText("missing");
        if (!tokenType.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new TokenException("the token_type is " + tokenType + ", not bearer", status, null, null, Double.NaN);
        }
        // A refresh_token, if any, is ignored (RFC 6749 §4.4.3): renewing means running the grant.
        double lifetime = lifetime(data.path("expires_in"));
        double margin = Math.min(RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION);
        synchronized (lock) {
            token = accessToken.asText();
            expiresAt = started + nanos(lifetime);
            renewAt = expiresAt - nanos(margin);
            retryAt = started;
            return token;
        }
    }

    // expires_in in seconds (a number or a numeric string), else DEFAULT_LIFETIME_SECONDS.
    private static double lifetime(JsonNode expiresIn) {
        double seconds = Double.NaN;
        if (expiresIn.isNumber()) {
            seconds = expiresIn.asDouble();
        } else if (expiresIn.isTextual()) {
            try {
                seconds = Double.parseDouble(expiresIn.asText().trim());
            } catch (NumberFormatException e) {
                // not a number: the default below
            }
        }
        return seconds > 0 && seconds < 1e9 ? seconds : DEFAULT_LIFETIME_SECONDS;
    }

    // A Retry-After header (delta-seconds or an HTTP-date, RFC 9110 §10.2.3) in seconds, capped; NaN if none.
    private static double retryAfterSeconds(String header) {
        String value = header.trim();
        double seconds;
        if (value.matches("[0-9]+")) {
            seconds = Double.parseDouble(value);
        } else {
            try {
                ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                seconds = Duration.between(ZonedDateTime.now(date.getZone()), date).toMillis() / 1000.0;
            } catch (DateTimeParseException e) {
                return Double.NaN;
            }
        }
        return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
    }

    // Exponential backoff with jitter before retry number `retry` (1, 2, ...).
    private static double backoffSeconds(int retry) {
        double jitter = 1 + BACKOFF_JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return INITIAL_BACKOFF_SECONDS * Math.pow(2, retry - 1) * jitter;
    }

    // The last attempt's error, saying how many attempts were made.
    private static TokenException failedAfter(TokenException e, int attempts, String note) {
        if (attempts == 1 && note.isEmpty()) return e;
        String message = e.getMessage() + " (" + attempts + " attempt" + (attempts > 1 ? "s" : "") + note + ")";
        return new TokenException(message, e.status, e.error, e.description, e.retryAfter);
    }

    private static String requireEnv(String name) throws TokenException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new TokenException("set the " + name + " environment variable");
        return value;
    }

    // application/x-www-form-urlencoded, keeping only A-Z a-z 0-9 - . _ ~ as they are.
    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    // One name=value pair of the token request's form body.
    private static void addParameter(StringBuilder form, String name, String value) {
        form.append('&').append(formEncode(name)).append('=').append(formEncode(value));
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    private static Duration duration(double seconds) {
        return Duration.ofNanos(nanos(seconds));
    }

    private static String format(double seconds) {
        double rounded = Math.round(seconds * 1000) / 1000.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    public static void main(String[] args) {
        try {
            TokenManager manager = new TokenManager();
            HttpRequest request = HttpRequest.newBuilder(URI.create(API_URL)).timeout(duration(TIMEOUT_SECONDS)).build();
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
