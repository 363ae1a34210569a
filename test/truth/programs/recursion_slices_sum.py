def total(xs):
    if not xs:
        return 0
    return xs[0] + total(xs[1:])

print(total(list(range(1000, 1150))))
