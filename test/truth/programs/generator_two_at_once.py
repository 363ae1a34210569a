def numbers(n):
    for i in range(n):
        yield i * 10

g1 = numbers(3)
g2 = numbers(3)
print(next(g1), next(g2), next(g1))
