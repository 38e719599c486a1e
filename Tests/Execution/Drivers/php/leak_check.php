<?php
// Leak check for the PHP token manager. Usage (against the Authlib test server):
//   CLIENT_ID=... CLIENT_SECRET=... php -d zend.exception_ignore_args=0 \
//     -d zend.exception_string_param_max_len=1000000 leak_check.php <SAMPLE_DIR>/php
// Prints every dump of a manager holding a token, the full traces (args included) of a failed
// API call, then lets the same failure escape uncaught (exit 255, trace on stderr/stdout).
// Expected: the output contains neither the secret (raw or form-encoded) nor any issued token,
// and does contain "Object(SensitiveParameterValue)" (proof that args were recorded).
require $argv[1] . '/token_manager.php';
$manager = new TokenManager(getenv('CLIENT_ID'), getenv('CLIENT_SECRET'));
$manager->getToken();
var_dump($manager);
print_r($manager); echo "\n";
var_export($manager); echo "\n";
echo json_encode($manager), "\n";
debug_zval_dump($manager);
try { serialize($manager); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
$dead = 'http://127.0.0.1:9/unreachable';
try {
    $manager->request('GET', $dead, [], 'body');
} catch (Throwable $e) {
    for (; $e !== null; $e = $e->getPrevious()) {
        print_r($e->getTrace()); var_export($e->getTrace()); var_dump($e->getTrace()); echo $e, "\n";
    }
}
$manager->request('GET', $dead, [], 'body'); // uncaught: PHP prints the exception and its trace
