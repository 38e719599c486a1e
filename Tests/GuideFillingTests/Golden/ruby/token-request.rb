# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... ruby token_request.rb
# Needs: Ruby 3.1 or later, standard library only.
# Prints the token's type and lifetime, never the token.

require "json"
require "net/http"
require "uri"

TOKEN_URL = "https://auth.example.com/oauth2/token"
TIMEOUT_SECONDS = 20 # the whole request, from connect to the last byte

# The token request failed; the message never contains a secret or a token.
class TokenError < StandardError; end

def env(name)
  value = ENV.fetch(name, "")
  raise TokenError, "set the #{name} environment variable" if value.empty?

  value
end

# RFC 6749 §2.3.1: percent-encode the ID and secret before they go into the Basic header.
# Most samples skip this and fail on secrets containing ":", "%" or "+".
def form_encode(value)
  value.b.gsub(/[^A-Za-z0-9\-._~]/) { |byte| format("%%%02X", byte.ord) }
end

# Net::HTTP's timeouts limit each read or write, not the whole request, so the request runs
# in a thread that is given up at the deadline: a server that dribbles cannot hold us.
def post_form(uri, form, deadline)
  request = Net::HTTP::Post.new(uri, "Accept" => "application/json")
  request.set_form_data(form)
  yield request if block_given?
  options = { use_ssl: uri.scheme == "https", open_timeout: TIMEOUT_SECONDS,
              read_timeout: TIMEOUT_SECONDS, write_timeout: TIMEOUT_SECONDS }
  worker = Thread.new do
    Thread.current.report_on_exception = false
    Net::HTTP.start(uri.host, uri.port, **options) { |http| http.request(request) }
  end
  unless worker.join([deadline - Process.clock_gettime(Process::CLOCK_MONOTONIC), 0].max)
    worker.kill
    raise TokenError, "the token request timed out"
  end
  worker.value
rescue Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout
  raise TokenError, "the token request timed out"
rescue IOError, SystemCallError, SocketError, OpenSSL::SSL::SSLError => e
  raise TokenError, "token request failed: #{e.message}"
end

# POST the client-credentials grant and return the parsed token response.
def fetch_token(client_id = env("CLIENT_ID"), client_secret = env("CLIENT_SECRET"))
  form = {
    "grant_type" => "client_credentials",
    "client_id" => client_id,
  }
  deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + TIMEOUT_SECONDS
  response = post_form(URI(TOKEN_URL), form, deadline) do |request|
    request.basic_auth(form_encode(client_id), form_encode(client_secret))
  end
  failed = "token request failed with HTTP #{response.code}"
  token = begin
    JSON.parse(response.body.to_s)
  rescue JSON::ParserError
    nil
  end
  raise TokenError, "#{failed}: the response is not JSON" unless token.is_a?(Hash)

  if !response.is_a?(Net::HTTPSuccess) || token.key?("error") # RFC 6749 §5.2
    raise TokenError, [failed, token["error"], token["error_description"]].compact.join(": ")
  end
  raise TokenError, "the token response has no access_token" if token["access_token"].to_s.empty?
  unless token["token_type"].to_s.casecmp?("bearer")
    raise TokenError, "the token_type is #{token["token_type"].inspect}, not bearer"
  end

  token # a refresh_token, if any, is ignored: re-run the grant instead
end

if __FILE__ == $PROGRAM_NAME
  begin
    token = fetch_token
  rescue TokenError => e
    abort "error: #{e.message}" # prints to stderr, exits with status 1
  end
  seconds = Float(token["expires_in"], exception: false) # a number or a numeric string
  if seconds&.finite?
    puts "Got a #{token["token_type"]} token that expires in #{seconds.to_i} seconds."
  else
    puts "Got a #{token["token_type"]} token; the server did not say when it expires."
  end
end
