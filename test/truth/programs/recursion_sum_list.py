def total(xs):
    if not xs:
        return 0
    first = xs[0]
    rest = xs[1:]
    return first + total(rest)

values = [5, 10, 15, 20]
print(total(values))
