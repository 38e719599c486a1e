// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Needs Java 17+ and Jackson: Maven com.fasterxml.jackson.core:jackson-databind (Debian:
// apt-get install libjackson2-databind-java, jars in /usr/share/java). Run:
//   CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson-databind, -core and -annotations jars> FetchToken.java
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public final class FetchToken {
    static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    static final double TIMEOUT_SECONDS = 20; // the whole request, to the last body byte

    private FetchToken() {}

    /** A failed or refused token request. The message never holds the secret or a token. */
    static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;

        TokenException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        try {
            JsonNode token = fetchToken(requireEnv("CLIENT_ID"), requireEnv("CLIENT_SECRET"));
            String type = token.path("token_type").asText();
            JsonNode expiresIn = token.path("expires_in");
            double seconds = expiresIn.isNumber() || expiresIn.isTextual() ? parseSeconds(expiresIn.asText()) : Double.NaN;
            System.out.println(Double.isFinite(seconds)
                    ? "Got a " + type + " token that expires in " + format(seconds) + " seconds."
                    : "Got a " + type + " token; the server did not say when it expires.");
        } catch (TokenException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("error: interrupted");
            System.exit(1);
        }
    }

    /** Requests a token and returns the parsed token response (RFC 6749 §5.1). */
    static JsonNode fetchToken(String clientId, String clientSecret) throws TokenException, InterruptedException {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        addParameter(form, "client_id", clientId);
        Duration timeout = Duration.ofMillis(Math.round(TIMEOUT_SECONDS * 1000));
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .timeout(timeout) // until the response headers arrive
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                // RFC 6749 §2.3.1: the client ID and secret are form-encoded BEFORE Base64. Most
                // samples skip this and break on secrets containing ":", "%" or "+".
                .header("Authorization", basic(formEncode(clientId) + ":" + formEncode(clientSecret)))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // One deadline for the whole exchange: it also stops a body that arrives slowly.
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TokenException("token request timed out after " + format(TIMEOUT_SECONDS) + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new TokenException("token request timed out after " + format(TIMEOUT_SECONDS) + " s");
            }
            throw new TokenException("token request failed: " + e.getCause());
        }
        int status = response.statusCode();
        JsonNode data;
        try {
            data = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            throw new TokenException("token request failed with HTTP " + status + ": the body is not JSON");
        }
        if (status / 100 != 2 || data.has("error")) {
            StringBuilder message = new StringBuilder("token request failed with HTTP " + status);
            for (String field : new String[] {"error", "error_description"}) {
                if (data.hasNonNull(field)) message.append(": ").append(data.get(field).asText());
            }
            throw new TokenException(message.toString());
        }
        if (!data.path("access_token").isTextual() || data.get("access_token").asText().isEmpty()) {
            throw new TokenException("the token response has no access_token");
        }
        if (!data.path("token_type").asText().toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new TokenException("the token_type is " + data.path("token_type").asText("missing") + ", not bearer");
        }
        return data; // a refresh_token, if any, is not used: RFC 6749 §4.4.3
    }

    static String requireEnv(String name) throws TokenException {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new TokenException("set the " + name + " environment variable");
        return value;
    }

    /** application/x-www-form-urlencoded, keeping only A-Z a-z 0-9 - . _ ~ as they are. */
    static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    // One name=value pair of the token request's form body.
    static void addParameter(StringBuilder form, String name, String value) {
        form.append('&').append(formEncode(name)).append('=').append(formEncode(value));
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** expires_in as a number of seconds (it may come as a numeric string), or NaN. */
    static double parseSeconds(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String format(double seconds) {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15
                ? Long.toString((long) seconds)
                : Double.toString(seconds);
    }
}
