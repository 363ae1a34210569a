def countdown(n):
    while n > 0:
        yield n
        n -= 1

g = countdown(5)
print(next(g))
print(next(g))
rest = list(g)
print(rest)
