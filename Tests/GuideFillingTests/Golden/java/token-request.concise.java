// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4). Needs Java 17+, Jackson 2.12+
// (Debian: libjackson2-databind-java). Run: CLIENT_ID=... CLIENT_SECRET=... java -cp <the jackson jars> FetchToken.java
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

public final class FetchToken {
    static HttpResponse<String> requestToken(String clientId, String clientSecret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://auth.example.com/oauth2/token")).timeout(Duration.ofMillis(Math.round(20 * 1000)))
                .headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json")
                // RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials" + "&client_id=" + encode(clientId))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static void main(String[] args) {
        try {
            for (String name : new String[] { "CLIENT_ID", "CLIENT_SECRET" }) {
                if (System.getenv(name) == null || System.getenv(name).isEmpty()) throw new IllegalStateException("set the " + name + " environment variable");
            }
            HttpResponse<String> response = requestToken(System.getenv("CLIENT_ID"), System.getenv("CLIENT_SECRET"));
            if (response.statusCode() != 200) throw new IllegalStateException("token request failed with HTTP " + response.statusCode() + ": " + response.body());
            var token = new ObjectMapper().readTree(response.body());
            String lifetime = token.has("expires_in") ? " that expires in " + token.get("expires_in").asLong() + " seconds" : "; the server did not say when it expires";
            System.out.println("Got a " + token.path("token_type").asText() + " token" + lifetime + ".");
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static String encode(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"); }
}
