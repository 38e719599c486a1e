# frozen_string_literal: true

# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... ruby token_request.rb
# Needs: Ruby 3.1 or later, standard library only.
# Prints the token's type and lifetime, never the token.

require "erb"
require "json"
require "net/http"
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

if __FILE__ == $PROGRAM_NAME
  begin
    client_id = ClientCredentials.env("CLIENT_ID")
    token = ClientCredentials.request_token(client_id, ClientCredentials.env("CLIENT_SECRET"))
  rescue ClientCredentials::TokenError => e
    abort "error: #{e.message}" # prints to stderr, exits with status 1
  end
  seconds = Float(token["expires_in"], exception: false) # a number or a numeric string
  if seconds&.finite?
    puts "Got a #{token["token_type"]} token that expires in #{seconds.to_i} seconds."
  else
    puts "Got a #{token["token_type"]} token; the server did not say when it expires."
  end
end
