# Execution-test driver for the Ruby token manager sample (test fixture, not a sample).
#
# Usage: SAMPLE_DIR=<folder with token_manager.rb> ruby driver.rb '<case JSON>'
# The case is {"client_id", "client_secret", "api_url", "server", "steps": [...]}; prints one
# JSON object {"results": [...]} to stdout; each result has "op", "t" (seconds since the driver
# started, when the step finished) and "elapsed" (seconds the step took). Tokens appear only as
# short sha256 hashes.
require "digest"
require "json"
require "net/http"
require "uri"
require File.join(ENV.fetch("SAMPLE_DIR"), "token_manager.rb") # the exported sample

def monotonic
  Process.clock_gettime(Process::CLOCK_MONOTONIC)
end

START = monotonic

def token_hash(token)
  Digest::SHA256.hexdigest(token)[0, 12]
end

# Runs the block n times at once; returns [results, error messages].
def concurrently(n)
  lock = Mutex.new
  all_here = ConditionVariable.new
  waiting = 0
  threads = Array.new(n) do
    Thread.new do
      lock.synchronize do
        waiting += 1
        all_here.broadcast if waiting == n
        all_here.wait(lock) while waiting < n
      end
      begin
        [yield, nil]
      rescue StandardError => e
        [nil, e.message]
      end
    end
  end
  outcomes = threads.map(&:value)
  [outcomes.reject { |_, e| e }.map(&:first), outcomes.select { |_, e| e }.map(&:last)]
end

def api_request(manager, kase)
  manager.request(Net::HTTP::Get.new(URI(kase["api_url"]))).code.to_i
end

def run(step, kase, manager)
  op = step["op"]
  result = { "op" => op }
  started = monotonic
  begin
    case op
    when "request"
      result["status"] = api_request(manager, kase)
    when "get_token"
      result["token"] = token_hash(manager.token)
    when "concurrent_get_token"
      tokens, result["errors"] = concurrently(step["n"]) { manager.token }
      result["tokens"] = tokens.map { |t| token_hash(t) }
    when "concurrent_request"
      result["statuses"], result["errors"] = concurrently(step["n"]) { api_request(manager, kase) }
    when "sleep"
      sleep(step["seconds"])
    when "revoke"
      uri = URI("#{kase["server"]}/_test/revoke?client_id=#{URI.encode_www_form_component(kase["client_id"])}")
      response = Net::HTTP.post(uri, "")
      raise "revoke failed: HTTP #{response.code}" unless response.is_a?(Net::HTTPSuccess)
    when "invalidate"
      manager.invalidate
    when "repeat"
      result["results"] = Array.new(step["count"]) do |i|
        sleep(step.fetch("interval", 0)) if i.positive?
        run(step["step"], kase, manager)
      end
    else
      raise ArgumentError, "unknown op #{op.inspect}"
    end
  rescue StandardError => e
    result["error"] = e.message
  end
  finished = monotonic
  result["t"] = finished - START # when the step finished
  result["elapsed"] = finished - started # how long the step took, in seconds
  result
end

kase = JSON.parse(ARGV.fetch(0))
manager = TokenManager.new(kase["client_id"], kase["client_secret"])
results = kase["steps"].map { |step| run(step, kase, manager) }
# A background renewal may still be in flight: let it reach the server before exiting, so the
# server's log is complete (the sample's timeouts bound it).
(Thread.list - [Thread.current]).each { |thread| thread.join(10) }
puts JSON.generate({ "results" => results })
