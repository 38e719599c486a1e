// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Needs Java 17+ and Jackson 2.12+: Maven com.fasterxml.jackson.core:jackson-databind (Debian:
// apt-get install libjackson2-databind-java, jars in /usr/share/java). Run:
//   CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson-databind, -core and -annotations jars> FetchToken.java
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class FetchToken {
    static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    static final Duration TIMEOUT = seconds(20); // the whole request, to the last body byte

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

    public static void main(String[] args) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            TokenResponse token = requestToken(http, requireEnv("CLIENT_ID"), requireEnv("CLIENT_SECRET"), TIMEOUT);
            System.out.println(token.lifetime()
                    .map(lifetime -> "Got a " + token.tokenType() + " token that expires in " + lifetime.toSeconds() + " seconds.")
                    .orElse("Got a " + token.tokenType() + " token; the server did not say when it expires."));
        } catch (TokenException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("error: interrupted");
            System.exit(1);
        }
    }

    private FetchToken() {}

    static String requireEnv(String name) throws TokenException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new TokenException("set the " + name + " environment variable");
        return value;
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
