def halve(xs):
    if len(xs) <= 1:
        return xs
    rest = halve(xs[1:])
    return [xs[0]] + rest

out = halve([1, 2, 3])
print(out)
