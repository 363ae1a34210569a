def make(n):
    temp = list(range(n))
    return len(temp)

sizes = []
for k in range(3):
    sizes.append(make(k + 2))
    latest = [k]
print(sizes, latest)
