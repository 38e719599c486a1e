# Checks every file named on the command line, as `ruby -wc` does, in one process: syntax errors
# and parse warnings (printed to stderr) both count.
$VERBOSE = true
bad = 0
ARGV.each do |path|
  RubyVM::InstructionSequence.compile(File.read(path, encoding: "UTF-8"), path)
rescue SyntaxError => e
  warn e.message
  bad += 1
end
exit(bad.zero? ? 0 : 1)
