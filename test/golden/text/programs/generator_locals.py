def count_up(limit):
    n = 0
    while n < limit:
        n += 1
        yield n


g = count_up(2)
a = next(g)
b = next(g)
