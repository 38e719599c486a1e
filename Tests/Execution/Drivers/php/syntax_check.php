<?php
// token_get_all with TOKEN_PARSE runs PHP's parser, as `php -l` does, over every file named, in one process.
$bad = 0; foreach (array_slice($argv, 1) as $p) { try { token_get_all(file_get_contents($p), TOKEN_PARSE); } catch (ParseError $e) { echo $p, ':', $e->getLine(), ': ', $e->getMessage(), "\n"; $bad++; } } exit($bad ? 1 : 0);
