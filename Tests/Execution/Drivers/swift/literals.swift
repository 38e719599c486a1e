// swift-format-ignore-file
// A template, not a program: the test repeats its marker line once per value.
let values: [String] = [
    LITERAL,
]
for v in values { print(v.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()) }
