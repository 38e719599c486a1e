# Compiles every file named on the command line, as `python3 -m py_compile` does, in one process.
import sys

bad = 0
for p in sys.argv[1:]:
    try:
        compile(open(p, encoding='utf-8').read(), p, 'exec')
    except SyntaxError as e:
        print(f'{p}:{e.lineno}: {e.msg}'); bad += 1
sys.exit(1 if bad else 0)
