# frozen_string_literal: true

require "erb"
require "json"
require "net/http"

def send_request(req, options = { use_ssl: req.uri.scheme == "https", open_timeout: 20, read_timeout: 20 })
  Net::HTTP.start(req.uri.hostname, req.uri.port, **options) { |http| http.request(req) }
end

def request_token(client_id, secret)
  req = Net::HTTP::Post.new(URI("https://auth.example.com/oauth2/token"), "Accept" => "application/json")
  req.form_data = {
    "grant_type" => "client_credentials", "client_id" => client_id,
  }
  # RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
  req.basic_auth(ERB::Util.url_encode(client_id), ERB::Util.url_encode(secret))
  res = send_request(req)
  token = JSON.parse(res.body)
  return token if res.is_a?(Net::HTTPSuccess) && !token.key?("error")

  raise "token request failed with HTTP #{res.code}: #{token["error"]}: #{token["error_description"]}"
end

# Caches the token and renews it ahead of expiry; callers without a usable one share one request.
class TokenManager
  def initialize(client_id = ENV.fetch("CLIENT_ID"), client_secret = ENV.fetch("CLIENT_SECRET"))
    @credentials = [client_id, client_secret]
    @lock = Mutex.new # one token request at a time; the other callers wait for it
    @renew_at = 0.0 # a monotonic clock value
  end

  def token
    @lock.synchronize do
      if (now = Process.clock_gettime(Process::CLOCK_MONOTONIC)) >= @renew_at
        @token, expires_in = request_token(*@credentials).values_at("access_token", "expires_in")
        lifetime = Float(expires_in || 600) # a number or a numeric string; the default when absent
        @renew_at = now + lifetime - [300, 0.5 * lifetime].min # the margin, at most this share of the lifetime
      end
      @token
    end
  end

  alias inspect to_s # never shows the secret or the token
  def invalidate(token = nil) = @lock.synchronize { @renew_at = 0.0 if token.nil? || token == @token }

  def request(req)
    token = self.token
    res = send_request(req.tap { |r| r["Authorization"] = "Bearer #{token}" })
    return res unless res.code == "401" # revoked or expired early: drop it and try once more

    invalidate(token)
    send_request(req.tap { |r| r["Authorization"] = "Bearer #{self.token}" })
  end
end

if __FILE__ == $PROGRAM_NAME
  res = TokenManager.new.request(Net::HTTP::Get.new(URI("https://api.example.com/v1/resource")))
  puts "GET #{res.uri} -> HTTP #{res.code}"
end
