# frozen_string_literal: true

# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
# Run: CLIENT_ID=... CLIENT_SECRET=... ruby token_request.rb
require "erb"
require "json"
require "net/http"

def env(name) = ENV.fetch(name, "").tap { |value| abort "error: set the #{name} environment variable" if value.empty? }
client_id = env("CLIENT_ID")
secret = env("CLIENT_SECRET")
req = Net::HTTP::Post.new(URI("https://auth.example.com/oauth2/token"), "Accept" => "application/json")
form = { "grant_type" => "client_credentials", "client_id" => client_id }
req.form_data = form
# RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
req.basic_auth(ERB::Util.url_encode(client_id), ERB::Util.url_encode(secret))
options = { use_ssl: req.uri.scheme == "https", open_timeout: 20, read_timeout: 20 }
res = Net::HTTP.start(req.uri.hostname, req.uri.port, **options) { |http| http.request(req) }
token = JSON.parse(res.body)
why = token.values_at("error", "error_description").compact.join(": ") # the server says why (RFC 6749 §5.2)
abort "error: token request failed with HTTP #{res.code}: #{why}" if !res.is_a?(Net::HTTPSuccess) || token.key?("error")
seconds = Float(token["expires_in"], exception: false) # a number or a numeric string
lifetime = seconds ? " that expires in #{seconds.to_i} seconds" : "; the server did not say when it expires"
puts "Got a #{token["token_type"]} token#{lifetime}."
