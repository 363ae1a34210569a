def min_max(xs):
    return min(xs), max(xs)

lo, hi = min_max([4, 8, 1, 9])
both = min_max([2, 3])
print(lo, hi, both)
