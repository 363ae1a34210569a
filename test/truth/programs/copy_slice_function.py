def tail(xs):
    return xs[1:]

data = list(range(6))
rest = tail(data)
rest2 = tail(rest)
print(data, rest, rest2)
