# Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.
#
# TokenManager caches the token and renews it in the background before it expires, so callers
# never wait while the cached token is usable. Without a usable token, all callers share one
# token request (retried with backoff). An API call that gets a 401 is retried once.
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... ruby token_manager.rb
# Needs: Ruby 3.1 or later, standard library only.

require "json"
require "net/http"
require "time"
require "uri"

TOKEN_URL = "https://auth.example.com/oauth2/token"
API_URL = "https://api.example.com/v1/resource"
TIMEOUT_SECONDS = 20 # one token request, from connect to the last byte
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

# A failed token request: HTTP status, error, error_description; never a secret.
class TokenError < StandardError
  # status is nil when no answer came; retry_after is the server's Retry-After in seconds.
  attr_reader :status, :error, :description, :retry_after

  def initialize(message, status: nil, error: nil, description: nil, retry_after: nil)
    super(message)
    @status = status
    @error = error
    @description = description
    @retry_after = retry_after
  end
end

# Thread-safe access-token cache for the client-credentials grant.
class TokenManager
  # The request that callers without a usable token share, and its outcome.
  Pending = Struct.new(:token, :error, :done)

  def initialize(client_id = TokenManager.env("CLIENT_ID"), client_secret = TokenManager.env("CLIENT_SECRET"))
    @client_id = client_id
    @client_secret = client_secret
    @lock = Mutex.new # guards the fields below
    @changed = ConditionVariable.new # signalled when a shared request ends
    @token = nil
    @expires_at = @renew_at = 0.0 # monotonic clock values
    @retry_at = 0.0 # no background renewal before this (cool-down)
    @refreshing = nil # the background renewal thread
    @pending = nil # the request all waiting callers share
  end

  def self.env(name)
    value = ENV.fetch(name, "")
    raise TokenError, "set the #{name} environment variable" if value.empty?

    value
  end

  # The cached token while it is usable, else a new one, waiting at most MAX_WAIT_SECONDS.
  def token
    @lock.synchronize do
      now = clock
      if @token && now < @expires_at
        if now >= [@renew_at, @retry_at].max && @refreshing.nil?
          @refreshing = Thread.new { refresh }
        end
        return @token
      end
      pending = (@pending ||= Pending.new.tap { |shared| Thread.new { renew(shared) } })
      deadline = now + MAX_WAIT_SECONDS
      until pending.done
        remaining = deadline - clock
        raise TokenError, "no token within #{MAX_WAIT_SECONDS} s" if remaining <= 0

        @changed.wait(@lock, remaining)
      end
      raise pending.error if pending.error

      pending.token
    end
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

  def clock
    Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end

  def send_api(req)
    uri = req.uri
    Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == "https",
                                        open_timeout: TIMEOUT_SECONDS, read_timeout: TIMEOUT_SECONDS) do |http|
      http.request(req)
    end
  end

  # Background renewal of a usable token: one attempt; if it fails, cool down.
  def refresh
    started = clock # read before sending, so the expiry errs early
    store(started, *attempt(started + TIMEOUT_SECONDS))
  rescue TokenError => e # keep the cached token until it expires
    delay = [REFRESH_RETRY_DELAY_SECONDS, e.retry_after || 0].max
    @lock.synchronize { @retry_at = clock + delay }
  ensure
    @lock.synchronize { @refreshing = nil }
  end

  # No usable token: get one for every waiting caller; whatever happens, none is left hanging.
  def renew(pending)
    pending.token = new_token
  rescue StandardError => e
    pending.error = e
  ensure
    @lock.synchronize do
      pending.error ||= TokenError.new("the token request was stopped") unless pending.token
      pending.done = true
      @pending = nil
      @changed.broadcast
    end
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
    margin = [RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION].min
    @lock.synchronize do
      @token = token
      @expires_at = started + lifetime
      @renew_at = @expires_at - margin
      @retry_at = 0.0
      token
    end
  end

  # The token request, retrying transient failures with backoff until the deadline.
  def fetch(deadline)
    attempts = 1
    begin
      attempt(deadline)
    rescue TokenError => e
      raise if attempts >= MAX_ATTEMPTS || (e.status && !RETRY_STATUSES.include?(e.status))

      delay = e.retry_after || backoff(attempts)
      if clock + delay >= deadline
        raise TokenError.new("no token within #{MAX_WAIT_SECONDS} s: #{e.message}",
                             status: e.status, error: e.error, description: e.description)
      end
      sleep(delay)
      attempts += 1
      retry
    end
  end

  # Seconds to wait before retry number `retry_number` (1, 2, ...), with jitter.
  def backoff(retry_number)
    jitter = BACKOFF_JITTER * ((2 * rand) - 1)
    INITIAL_BACKOFF_SECONDS * (2**(retry_number - 1)) * (1 + jitter)
  end

  # One token request, ending by the deadline (a monotonic clock value).
  # Returns the access token and its lifetime in seconds.
  def attempt(deadline)
    form = {
      "grant_type" => "client_credentials",
      "client_id" => @client_id,
    }
    request = Net::HTTP::Post.new(URI(TOKEN_URL), "Accept" => "application/json")
    request.set_form_data(form)
    # RFC 6749 §2.3.1: percent-encode the ID and secret before they go into the Basic
    # header. Most samples skip this and fail on secrets containing ":", "%" or "+".
    request.basic_auth(form_encode(@client_id), form_encode(@client_secret))
    parse(send_token_request(request, [deadline, clock + TIMEOUT_SECONDS].min))
  end

  def form_encode(value)
    value.b.gsub(/[^A-Za-z0-9\-._~]/) { |byte| format("%%%02X", byte.ord) }
  end

  # Net::HTTP's timeouts limit each read or write, not the whole request, so the request runs
  # in a thread that is given up at the deadline: a server that dribbles cannot hold us.
  def send_token_request(request, deadline)
    uri = request.uri
    remaining = deadline - clock
    raise TokenError, "no time left for the token request" if remaining <= 0

    options = { use_ssl: uri.scheme == "https", open_timeout: remaining,
                read_timeout: remaining, write_timeout: remaining }
    worker = Thread.new do
      Thread.current.report_on_exception = false
      Net::HTTP.start(uri.host, uri.port, **options) { |http| http.request(request) }
    end
    unless worker.join([deadline - clock, 0].max)
      worker.kill
      raise TokenError, "the token request timed out"
    end
    worker.value
  rescue Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout
    raise TokenError, "the token request timed out"
  rescue IOError, SystemCallError, SocketError, OpenSSL::SSL::SSLError => e # status nil: a network error
    raise TokenError, "token request failed: #{e.message}"
  end

  def parse(response)
    status = response.code.to_i
    failed = "token request failed with HTTP #{status}"
    retry_after = response.is_a?(Net::HTTPSuccess) ? nil : retry_after_seconds(response["Retry-After"])
    token = begin
      JSON.parse(response.body.to_s)
    rescue JSON::ParserError
      nil
    end
    raise TokenError.new("#{failed}: the response is not JSON", status: status, retry_after: retry_after) unless token.is_a?(Hash)

    if !response.is_a?(Net::HTTPSuccess) || token.key?("error") # RFC 6749 §5.2
      error = token["error"]
      description = token["error_description"]
      raise TokenError.new([failed, error, description].compact.join(": "), status: status, error: error,
                                                                             description: description, retry_after: retry_after)
    end
    access_token = token["access_token"]
    unless access_token.is_a?(String) && !access_token.empty?
      raise TokenError.new("the token response has no access_token", status: status)
    end
    unless token["token_type"].to_s.casecmp?("bearer")
      raise TokenError.new("the token_type is #{token["token_type"].inspect}, not bearer", status: status)
    end
    # Any refresh_token is ignored: the grant is simply run again (RFC 6749 §4.4.3).
    [access_token, lifetime(token["expires_in"])]
  end

  # expires_in in seconds (a number or a numeric string), else the default.
  def lifetime(expires_in)
    seconds = expires_in.is_a?(String) || expires_in.is_a?(Numeric) ? Float(expires_in, exception: false) : nil
    seconds&.positive? && seconds.finite? ? seconds : DEFAULT_LIFETIME_SECONDS
  end

  # The server's Retry-After in seconds, capped; nil when absent or unparseable.
  def retry_after_seconds(value)
    value = value.to_s.strip
    return [value.to_f, MAX_RETRY_AFTER_SECONDS].min if value.match?(/\A\d+\z/) # RFC 9110 §10.2.3

    wait = Time.httpdate(value) - Time.now
    wait.clamp(0.0, MAX_RETRY_AFTER_SECONDS.to_f)
  rescue ArgumentError
    nil
  end
end

if __FILE__ == $PROGRAM_NAME
  begin
    response = TokenManager.new.request(Net::HTTP::Get.new(URI(API_URL)))
  rescue StandardError => e
    abort "error: #{e.message}"
  end
  puts "GET #{API_URL} -> HTTP #{response.code}"
  exit(response.is_a?(Net::HTTPSuccess) ? 0 : 1)
end
