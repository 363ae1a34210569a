def build(n):
    if n == 0:
        return []
    smaller = build(n - 1)
    smaller.append(n)
    return smaller

print(build(5))
