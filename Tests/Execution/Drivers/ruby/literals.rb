values = [
  LITERAL,
]
values.each { |v| puts v.unpack1("H*") }
