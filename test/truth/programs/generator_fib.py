def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

seen = []
for value in fib():
    if value > 50:
        break
    seen.append(value)
print(seen)
