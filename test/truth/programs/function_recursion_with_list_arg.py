def collect(n, acc):
    if n == 0:
        return acc
    acc.append(n)
    return collect(n - 1, acc)

out = collect(4, [])
print(out)
