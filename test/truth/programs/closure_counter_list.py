def make():
    counts = [0]
    def inc():
        counts[0] += 1
        return counts[0]
    return inc

inc = make()
inc()
inc()
print(inc())
