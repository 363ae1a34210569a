def build(n):
    if n == 0:
        return []
    return build(n - 1) + [n]

xs = build(120)
print(len(xs), xs[:3], xs[-1])
