<?php
$values = [
    LITERAL,
];
foreach ($values as $v) { echo bin2hex($v), "\n"; }
