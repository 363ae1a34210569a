def risky():
    yield 1
    raise ValueError("bad value")

got = []
try:
    for v in risky():
        got.append(v)
except ValueError as e:
    got.append(str(e))
print(got)
