# frozen_string_literal: true

# Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.
#
# TokenManager caches the token and renews it in the background before it expires, so callers
# never wait while the cached token is usable. Without a usable token, all callers share one
# token request (retried with backoff). An API call that gets a 401 is retried once.
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... ruby token_manager.rb
# Needs: Ruby 3.1 or later, standard library only.

require "erb"
require "json"
require "net/http"
require "time"
require "uri"

# The client-credentials grant (RFC 6749 §4.4): one token request.
module ClientCredentials
  TOKEN_URL = "https://auth.example.com/oauth2/token"
  TIMEOUT_SECONDS = 20 # the whole request, from connect to the last byte

  # A failed token request: the HTTP status and the server's error, never a secret or a token.
  # response is the token endpoint's answer (a Net::HTTPResponse); nil when none came.
  class TokenError < StandardError
    attr_reader :response

    def initialize(message, response = nil)
      super(message)
      @response = response
    end
  end

  # POSTs the grant (RFC 6749 §4.4.2) and returns the token response, a Hash.
  def self.request_token(client_id, client_secret, timeout = TIMEOUT_SECONDS)
    request = Net::HTTP::Post.new(URI(TOKEN_URL), "Accept" => "application/json")
    request.form_data = {
      "grant_type" => "client_credentials",
      "client_id" => client_id,
    }
    # RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into the Basic header.
    # Most samples skip this and fail on secrets containing ":", "%" or "+". url_encode writes a
    # space as %20, which every server decodes (some read encode_www_form_component's "+" as "+").
    request.basic_auth(ERB::Util.url_encode(client_id), ERB::Util.url_encode(client_secret))
    token_response(*send_within(timeout, request))
  end

  # The token response, or TokenError with the HTTP status and the server's error (§5.2).
  def self.token_response(response, body)
    token = json_object(body)
    failed = "token request failed with HTTP #{response.code}"
    raise TokenError.new("#{failed}: the response is not a JSON object", response) unless token
    if !response.is_a?(Net::HTTPSuccess) || token.key?("error")
      raise TokenError.new([failed, token["error"], token["error_description"]].compact.join(": "), response)
    end

    problem = unusable(token)
    raise TokenError.new(problem, response) if problem

    token # a refresh_token, if any, is ignored: the grant is run again (§4.4.3)
  end

  # Why a successful answer holds no usable token; nil when it does.
  def self.unusable(token)
    return "the token response has no access_token" if token["access_token"].to_s.empty?

    "the token_type is #{token["token_type"].inspect}, not bearer" unless token["token_type"].to_s.casecmp?("bearer")
  end

  def self.json_object(body)
    token = JSON.parse(body)
    token if token.is_a?(Hash)
  rescue JSON::ParserError
    nil
  end

  # A defence you can skip when reading. Net::HTTP's timeouts limit each connect, read and write,
  # not the whole request, so the body is read as it arrives and each read may take only the
  # time left: a server sending a byte now and then cannot hold the caller past the deadline.
  def self.send_within(timeout, request)
    deadline = clock + timeout
    options = {
      use_ssl: request.uri.scheme == "https", open_timeout: timeout, read_timeout: timeout, write_timeout: timeout,
    }
    Net::HTTP.start(request.uri.host, request.uri.port, **options) do |http|
      body = +""
      [http.request(request) { |answer| read_until(deadline, http, answer, body) }, body]
    end
  rescue Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout
    raise TokenError, "the token request timed out after #{timeout} s"
  rescue IOError, SystemCallError, SocketError, OpenSSL::SSL::SSLError => e
    raise TokenError, "token request failed: #{e.message}"
  end

  def self.read_until(deadline, http, response, body)
    response.read_body do |segment|
      body << segment
      remaining = deadline - clock
      raise Net::ReadTimeout unless remaining.positive?

      http.read_timeout = remaining
    end
  end

  def self.clock
    Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end

  # The value of the environment variable `name`; TokenError when it is unset or empty.
  def self.env(name)
    value = ENV.fetch(name, "")
    raise TokenError, "set the #{name} environment variable" if value.empty?

    value
  end
end

# The refresh policy: when to renew, how long to wait before another attempt.
module RefreshPolicy
  RENEW_MARGIN_SECONDS = 300 # renew this long before expiry...
  MAX_RENEW_FRACTION = 0.5 # ...but by at most this fraction of the lifetime
  DEFAULT_LIFETIME_SECONDS = 600 # when the server omits expires_in
  REFRESH_RETRY_DELAY_SECONDS = 30 # after a failed background renewal
  MAX_WAIT_SECONDS = 60 # the longest a caller waits when no token is usable
  MAX_ATTEMPTS = 3 # token requests in all while no token is usable
  INITIAL_BACKOFF_SECONDS = 1 # first retry delay, then doubled
  BACKOFF_JITTER = 0.1 # ± this fraction of randomness on each delay
  RETRY_STATUSES = [408, 429, 500, 502, 503, 504].freeze # transient answers; network errors are retried too
  MAX_RETRY_AFTER_SECONDS = 60 # cap on a server's Retry-After

  module_function

  def clock
    ClientCredentials.clock
  end

  # expires_in in seconds (a number or a numeric string), else the default.
  def lifetime(expires_in)
    seconds = expires_in.is_a?(String) || expires_in.is_a?(Numeric) ? Float(expires_in, exception: false) : nil
    seconds&.positive? && seconds&.finite? ? seconds : DEFAULT_LIFETIME_SECONDS
  end

  # Renew this long before expiry.
  def margin(lifetime)
    [RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION].min
  end

  # The server's Retry-After in seconds, capped; nil when absent, unparseable or not an error.
  def retry_after(response)
    value = response.is_a?(Net::HTTPSuccess) ? "" : response&.[]("Retry-After").to_s.strip
    return [value.to_f, MAX_RETRY_AFTER_SECONDS].min if value.match?(/\A\d+\z/) # RFC 9110 §10.2.3

    (Time.httpdate(value) - Time.now).clamp(0.0, MAX_RETRY_AFTER_SECONDS.to_f)
  rescue ArgumentError
    nil
  end

  # No answer at all (a network error or a timeout), or a status worth another attempt.
  def transient?(error)
    error.response.nil? || RETRY_STATUSES.include?(error.response.code.to_i)
  end

  # Seconds to wait before retry number `retry_number` (1, 2, ...), with jitter.
  def backoff(retry_number)
    jitter = BACKOFF_JITTER * ((2 * rand) - 1)
    INITIAL_BACKOFF_SECONDS * (2**(retry_number - 1)) * (1 + jitter)
  end
end

# The token request that callers without a usable token wait for together.
class SharedRequest
  def initialize
    @lock = Mutex.new
    @finished = ConditionVariable.new
    @outcome = nil # the token, or the error every waiter raises
  end

  def finish(outcome)
    @lock.synchronize do
      @outcome = outcome
      @finished.broadcast
    end
  end

  # The token, once the request ends; TokenError after `timeout` seconds.
  def wait(timeout)
    deadline = ClientCredentials.clock + timeout
    @lock.synchronize do
      until @outcome
        remaining = deadline - ClientCredentials.clock
        raise ClientCredentials::TokenError, "no token within #{timeout} s" unless remaining.positive?

        @finished.wait(@lock, remaining)
      end
    end
    @outcome.is_a?(Exception) ? raise(@outcome) : @outcome
  end
end

# Thread-safe access-token cache for the client-credentials grant.
class TokenManager
  include RefreshPolicy

  TokenError = ClientCredentials::TokenError
  TIMEOUT_SECONDS = ClientCredentials::TIMEOUT_SECONDS # one token request, from connect to the last byte

  def initialize(client_id = ClientCredentials.env("CLIENT_ID"),
                 client_secret = ClientCredentials.env("CLIENT_SECRET"))
    @client_id = client_id
    @client_secret = client_secret
    @lock = Mutex.new # guards the fields below
    @token = nil
    @expires_at = @renew_at = 0.0 # monotonic clock values
    @retry_at = 0.0 # no background renewal before this (cool-down)
    @refreshing = nil # the background renewal thread
    @pending = nil # the request all waiting callers share
  end

  # The cached token while it is usable, else a new one, waiting at most MAX_WAIT_SECONDS.
  def token
    @lock.synchronize do
      now = clock
      if @token && now < @expires_at
        @refreshing ||= Thread.new { refresh } if now >= [@renew_at, @retry_at].max
        return @token
      end

      @pending ||= SharedRequest.new.tap { |shared| Thread.new { renew(shared) } }
    end.wait(MAX_WAIT_SECONDS)
  end

  # Drop the cached token; with a token, only if that is still the cached one.
  def invalidate(token = nil)
    @lock.synchronize { @token = nil if token.nil? || token == @token }
  end

  # Send an API request (a Net::HTTPRequest built from a URI) with the bearer token
  # (RFC 6750 §2.1); on a 401, retry once with a new token.
  def request(req)
    token = self.token
    req["Authorization"] = "Bearer #{token}"
    response = send_api(req)
    return response unless response.code == "401"

    # Revoked or expired early: drop it, unless another caller has already replaced it.
    invalidate(token)
    req["Authorization"] = "Bearer #{self.token}"
    send_api(req)
  end

  # Keeps the secret and the token out of logs and error reports.
  def inspect
    "#<#{self.class.name}>"
  end

  private

  def send_api(req)
    uri = req.uri
    options = { use_ssl: uri.scheme == "https", open_timeout: TIMEOUT_SECONDS, read_timeout: TIMEOUT_SECONDS }
    Net::HTTP.start(uri.host, uri.port, **options) { |http| http.request(req) }
  end

  # Background renewal of a usable token: one attempt; if it fails, cool down.
  def refresh
    started = clock # read before sending, so the expiry errs early
    store(started, *attempt(started + TIMEOUT_SECONDS))
  rescue TokenError => e # keep the cached token until it expires
    delay = [REFRESH_RETRY_DELAY_SECONDS, retry_after(e.response) || 0].max
    @lock.synchronize { @retry_at = clock + delay }
  ensure
    @lock.synchronize { @refreshing = nil }
  end

  # No usable token: get one for every waiting caller; whatever happens, none is left hanging.
  def renew(shared)
    outcome = TokenError.new("the token request was stopped")
    outcome = new_token
  rescue StandardError => e
    outcome = e
  ensure
    @lock.synchronize { @pending = nil }
    shared.finish(outcome)
  end

  # A token within MAX_WAIT_SECONDS, or TokenError.
  def new_token
    deadline = clock + MAX_WAIT_SECONDS
    refreshing = @lock.synchronize { @refreshing }
    if refreshing # one request at a time: let the background renewal end
      refreshing.join([deadline - clock, 0].max)
      @lock.synchronize { return @token if @token && clock < @expires_at }
    end
    started = clock # read before sending, so the expiry errs early
    store(started, *fetch(deadline))
  end

  def store(started, token, lifetime)
    @lock.synchronize do
      @token = token
      @expires_at = started + lifetime
      @renew_at = @expires_at - margin(lifetime)
      @retry_at = 0.0
      token
    end
  end

  # The token request, retrying transient failures with backoff until the deadline.
  def fetch(deadline)
    (1..MAX_ATTEMPTS).each do |attempts|
      return attempt(deadline)
    rescue TokenError => e
      raise unless attempts < MAX_ATTEMPTS && transient?(e)

      delay = retry_after(e.response) || backoff(attempts)
      raise TokenError.new("no token within #{MAX_WAIT_SECONDS} s: #{e}", e.response) if clock + delay >= deadline

      sleep(delay)
    end
  end

  # One token request, ending by the deadline (a monotonic clock value).
  # Returns the access token and its lifetime in seconds.
  def attempt(deadline)
    timeout = [deadline - clock, TIMEOUT_SECONDS].min
    raise TokenError, "no time left for the token request" unless timeout.positive?

    token = ClientCredentials.request_token(@client_id, @client_secret, timeout)
    [token["access_token"], lifetime(token["expires_in"])]
  end
end

if __FILE__ == $PROGRAM_NAME
  api_url = "https://api.example.com/v1/resource"
  begin
    response = TokenManager.new.request(Net::HTTP::Get.new(URI(api_url)))
  rescue StandardError => e
    abort "error: #{e.message}"
  end
  puts "GET #{api_url} -> HTTP #{response.code}"
  exit(response.is_a?(Net::HTTPSuccess) ? 0 : 1)
end
