values = [
    LITERAL,
]
for v in values:
    print(v.encode('utf-8').hex())
