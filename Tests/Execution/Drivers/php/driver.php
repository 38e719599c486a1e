<?php

declare(strict_types=1);

// Test driver: runs one case (JSON, first argument) against the token manager exported to
// $SAMPLE_DIR and prints {"results": [...]} as one JSON object. Tokens appear only as hashes.
// PHP has no concurrency inside a process, so the concurrent_* steps run their n calls one
// after another and say "sequential": true.

error_reporting(E_ALL);
set_error_handler(function (int $severity, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $severity, $file, $line);
});

require getenv('SAMPLE_DIR') . '/token_manager.php';

$start = hrtime(true);
$case = json_decode($argv[1] ?? '', true, 512, JSON_THROW_ON_ERROR);
$manager = new TokenManager($case['client_id'], $case['client_secret']);

function tokenHash(string $token): string
{
    return substr(hash('sha256', $token), 0, 12);
}

/** Runs one step; "t" is when it finished, in seconds since the case started; "elapsed" is how long it took. */
function runStep(array $step, TokenManager $manager, array $case, int $start): array
{
    $stepStart = hrtime(true);
    $result = stepResult($step, $manager, $case, $start);
    $end = hrtime(true);
    $result['t'] = ($end - $start) / 1e9;
    $result['elapsed'] = ($end - $stepStart) / 1e9;
    return $result;
}

function stepResult(array $step, TokenManager $manager, array $case, int $start): array
{
    $result = ['op' => $step['op']];
    try {
        switch ($step['op']) {
            case 'request':
                return $result + ['status' => $manager->request('GET', $case['api_url'])->status];
            case 'get_token':
                return $result + ['token' => tokenHash($manager->getToken())];
            case 'concurrent_get_token':
            case 'concurrent_request':
                $values = [];
                $errors = [];
                for ($i = 0; $i < $step['n']; $i++) {
                    try {
                        $values[] = $step['op'] === 'concurrent_request'
                            ? $manager->request('GET', $case['api_url'])->status
                            : tokenHash($manager->getToken());
                    } catch (Throwable $e) {
                        $errors[] = $e->getMessage();
                    }
                }
                $key = $step['op'] === 'concurrent_request' ? 'statuses' : 'tokens';
                return $result + [$key => $values, 'errors' => $errors, 'sequential' => true];
            case 'sleep':
                usleep((int) ($step['seconds'] * 1e6));
                return $result;
            case 'revoke':
                $curl = curl_init($case['server'] . '/_test/revoke?client_id=' . rawurlencode($case['client_id']));
                curl_setopt_array($curl, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => '', CURLOPT_RETURNTRANSFER => true]);
                if (curl_exec($curl) === false || curl_getinfo($curl, CURLINFO_RESPONSE_CODE) !== 200) {
                    throw new RuntimeException('revoke failed: ' . curl_error($curl));
                }
                return $result;
            case 'invalidate':
                $manager->invalidate();
                return $result;
            case 'repeat':
                $inner = [];
                for ($i = 0; $i < $step['count']; $i++) {
                    if ($i > 0 && ($step['interval'] ?? 0) > 0) {
                        usleep((int) ($step['interval'] * 1e6));
                    }
                    $inner[] = runStep($step['step'], $manager, $case, $start);
                }
                return $result + ['results' => $inner];
            default:
                throw new InvalidArgumentException("unknown op {$step['op']}");
        }
    } catch (Throwable $e) {
        return $result + ['error' => $e->getMessage()];
    }
}

$results = [];
foreach ($case['steps'] as $step) {
    $results[] = runStep($step, $manager, $case, $start);
}
echo json_encode(['results' => $results], JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR), PHP_EOL;
