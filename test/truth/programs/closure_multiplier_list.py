def multipliers():
    out = []
    for k in range(1, 4):
        def times(x, k=k):
            return x * k
        out.append(times)
    return out

fs = multipliers()
print([f(10) for f in fs])
